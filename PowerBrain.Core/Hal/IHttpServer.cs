namespace PowerBrain.Firmware.Hal
{
    /// <summary>An HTTP request as the board's server received it.</summary>
    public interface IHttpRequest
    {
        string Method { get; }

        /// <summary>The path and query as sent, e.g. "/api/status?x=1".</summary>
        string RawUrl { get; }

        /// <summary>A header value, or null.</summary>
        string Header(string name);

        /// <summary>The body, read up to maxBytes within the adapter's read deadline. Null when it
        /// is larger (broken null), or when it is short, malformed or too slow (broken says why).</summary>
        byte[] ReadBody(int maxBytes, out string broken);
    }

    /// <summary>The response to one request. Headers before the body; then either Send once, or
    /// Begin once and Write the announced length in pieces (a body that is never whole in RAM).</summary>
    public interface IHttpResponse
    {
        void SetHeader(string name, string value);

        void Send(int statusCode, string contentType, byte[] body, int offset, int count);

        void Begin(int statusCode, string contentType, int length);

        void Write(byte[] piece, int offset, int count);
    }

    /// <summary>Firmware code that answers requests (the web room).</summary>
    public interface IHttpHandler
    {
        void Handle(IHttpRequest request, IHttpResponse response);
    }

    /// <summary>The board's HTTP server. It calls the handler on its own thread(s).</summary>
    public interface IHttpServer
    {
        void Start(string bindAddress, int port, IHttpHandler handler);

        void Stop();
    }
}
