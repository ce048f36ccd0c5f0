using System;
using System.Net;
using System.Net.WebSockets;
using System.Threading;
using PowerBrain.Firmware.Hal;

namespace PowerBrain.Emulator.Host;

/// <summary>The firmware's websocket adapter on .NET's ClientWebSocket: sub-protocol, Basic auth,
/// ping/pong with a timeout, fragments reassembled up to a bound, one receive thread.</summary>
public sealed class HostWebSocket : IWebSocketClient
{
    const int ConnectTimeoutMs = 20_000;
    ClientWebSocket _ws;
    readonly object _sendLock = new();
    readonly CancellationTokenSource _cts = new();

    public string LastError { get; private set; } = "";
    public bool IsOpen => _ws?.State == WebSocketState.Open;

    public bool Connect(string url, string subProtocol, string authorizationHeader, int maxMessageBytes, int pingIntervalS, TlsMaterial tls, IWebSocketListener listener)
    {
        _ws = new ClientWebSocket();
        string tlsRefusal = null;
        if (tls != null)
        {
            try { Tls.Configure(_ws.Options, tls, reason => tlsRefusal = reason); }
            catch (Exception e)
            {
                LastError = "TLS material unusable: " + e.Message;
                return false;
            }
        }
        _ws.Options.AddSubProtocol(subProtocol);
        _ws.Options.CollectHttpResponseDetails = true;
        if (authorizationHeader != null) _ws.Options.SetRequestHeader("Authorization", authorizationHeader);
        if (pingIntervalS > 0)
        {
            _ws.Options.KeepAliveInterval = TimeSpan.FromSeconds(pingIntervalS);
            _ws.Options.KeepAliveTimeout = TimeSpan.FromSeconds(Math.Max(5, pingIntervalS));   // no pong in time: the link is dead
        }
        try
        {
            if (!_ws.ConnectAsync(new Uri(url), _cts.Token).Wait(ConnectTimeoutMs))
            {
                LastError = "connect timed out";
                _ws.Abort();
                return false;
            }
        }
        catch (Exception e)
        {
            var status = _ws.HttpStatusCode;
            LastError = tlsRefusal != null ? "server certificate refused: " + tlsRefusal
                : status != 0 && status != HttpStatusCode.SwitchingProtocols ? $"HTTP {(int)status}" : Innermost(e);
            return false;
        }
        new Thread(() => ReceiveLoop(maxMessageBytes, listener)) { IsBackground = true, Name = "ocpp-ws" }.Start();
        return true;
    }

    static string Innermost(Exception e)
    {
        while (e.InnerException != null) e = e.InnerException;
        return e.Message;
    }

    void ReceiveLoop(int maxBytes, IWebSocketListener listener)
    {
        var buffer = new byte[Math.Min(maxBytes, 8192)];
        var message = new byte[maxBytes];
        int length = 0;
        bool tooBig = false;
        string reason = "closed";
        try
        {
            while (_ws.State == WebSocketState.Open)
            {
                var r = _ws.ReceiveAsync(new ArraySegment<byte>(buffer), _cts.Token).GetAwaiter().GetResult();
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    reason = $"closed by the backend ({(int?)r.CloseStatus} {r.CloseStatusDescription})";
                    break;
                }
                if (length + r.Count > maxBytes) tooBig = true;
                else { Array.Copy(buffer, 0, message, length, r.Count); length += r.Count; }
                if (!r.EndOfMessage) continue;
                // A message beyond the bound is read to its end and dropped; the link stays up.
                if (tooBig) listener.OnOversized(length);
                else if (r.MessageType == WebSocketMessageType.Text) listener.OnMessage(message, length);
                length = 0;
                tooBig = false;
            }
        }
        catch (Exception e) { reason = (e.InnerException ?? e).Message; }
        try { _ws.Abort(); } catch (Exception) { }
        listener.OnClosed(0, reason);
    }

    public bool SendText(byte[] utf8, int offset, int count)
    {
        try
        {
            lock (_sendLock)
                return _ws.SendAsync(new ArraySegment<byte>(utf8, offset, count), WebSocketMessageType.Text, true, _cts.Token).Wait(10_000);
        }
        catch (Exception e)
        {
            LastError = (e.InnerException ?? e).Message;
            return false;
        }
    }

    public void Close()
    {
        try
        {
            if (_ws?.State == WebSocketState.Open) _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).Wait(1000);
        }
        catch (Exception) { }
        try { _cts.Cancel(); _ws?.Abort(); } catch (Exception) { }
    }
}
