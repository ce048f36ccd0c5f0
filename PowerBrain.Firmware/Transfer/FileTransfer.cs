using System;
using System.Collections;
using System.Threading;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Transfer
{
    /// <summary>What to do with an upload's outcome, on the core thread.</summary>
    public interface IUploadDone
    {
        /// <summary>error is null when the file arrived.</summary>
        void Uploaded(string error);
    }

    /// <summary>What to do with a download, on the core thread.</summary>
    public interface IDownloadDone
    {
        /// <summary>error is null when everything arrived (and the sink's End ran).</summary>
        void Downloaded(string error);
    }

    /// <summary>
    /// Uploads files (diagnostics, logs) and downloads them (firmware) to ftp://, http:// or https://
    /// locations on a thread of its own, one at a time, so the core loop never waits for a network;
    /// the outcome is posted back to the core. https:// needs a stored CA certificate: the server's
    /// certificate must chain to it, as the OCPP link's must.
    /// </summary>
    public sealed class FileTransfer
    {
        readonly IBoard _board;
        readonly CoreLoop _core;
        readonly CertificateStore _certificates;
        readonly Queue _jobs = new Queue();
        readonly AutoResetEvent _wake = new AutoResetEvent(false);
        readonly object _lock = new object();
        Thread _thread;
        bool _stopping;

        public FileTransfer(IBoard board, CoreLoop core, CertificateStore certificates)
        {
            _board = board;
            _core = core;
            _certificates = certificates;
        }

        /// <summary>Queues an upload; returns false (and the reason) when the location is not usable.</summary>
        public bool Upload(string location, byte[] data, int length, IUploadDone done, out string error)
        {
            return Queue(location, data, length, null, done, null, out error);
        }

        /// <summary>Queues a download of at most maxBytes into a sink (fed on the transfer thread);
        /// false (and the reason) when the location is not usable.</summary>
        public bool Download(string location, IByteSink sink, int maxBytes, IDownloadDone done, out string error)
        {
            return Queue(location, null, maxBytes, sink, null, done, out error);
        }

        bool Queue(string location, byte[] data, int length, IByteSink sink, IUploadDone uploaded, IDownloadDone downloaded, out string error)
        {
            TransferUrl url = TransferUrl.Parse(location, out error);
            if (url == null) return false;
            TlsMaterial tls = null;
            if (url.Scheme == "https")
            {
                tls = new TlsMaterial();
                tls.CaPem = _certificates.CaPem;
                if (tls.CaPem == null) { error = "https needs a CA certificate stored on the box to check the server against"; return false; }
            }
            lock (_lock)
            {
                if (_stopping) { error = "stopping"; return false; }
                _jobs.Enqueue(new Job(url, tls, data, length, sink, uploaded, downloaded));
                if (_thread == null)
                {
                    _thread = new Thread(Run);
                    _thread.Start();
                }
            }
            _wake.Set();
            return true;
        }

        public void Stop()
        {
            Thread t;
            lock (_lock)
            {
                _stopping = true;
                t = _thread;
            }
            _wake.Set();
            if (t != null && Thread.CurrentThread != t) t.Join(2000);
        }

        void Run()
        {
            while (true)
            {
                Job job = null;
                lock (_lock)
                {
                    if (_stopping) return;
                    if (_jobs.Count > 0) job = (Job)_jobs.Dequeue();
                }
                if (job == null) { _wake.WaitOne(1000, false); continue; }
                if (job.Downloaded != null)
                {
                    string error;
                    try
                    {
                        job.Sink.Begin();
                        error = job.Url.Scheme == "ftp" ? new FtpClient(_board).Retrieve(job.Url, job.Sink, job.Length)
                                                        : new HttpTransfer(_board).Get(job.Url, job.Tls, job.Sink, job.Length);
                        if (error == null) job.Sink.End();
                    }
                    catch (Exception e) { error = "the download could not be stored: " + Failure.Describe(e); }
                    _core.Post(new Fetched(job.Downloaded, error));
                }
                else
                {
                    string error = job.Url.Scheme == "ftp" ? new FtpClient(_board).Store(job.Url, job.Data, job.Length)
                                                           : new HttpTransfer(_board).Put(job.Url, job.Tls, job.Data, job.Length);
                    _core.Post(new Done(job.Uploaded, error));
                }
            }
        }

        sealed class Job
        {
            public readonly TransferUrl Url;
            public readonly TlsMaterial Tls;
            public readonly byte[] Data;
            public readonly int Length;
            public readonly IByteSink Sink;
            public readonly IUploadDone Uploaded;
            public readonly IDownloadDone Downloaded;

            public Job(TransferUrl url, TlsMaterial tls, byte[] data, int length, IByteSink sink, IUploadDone uploaded, IDownloadDone downloaded)
            {
                Url = url; Tls = tls; Data = data; Length = length; Sink = sink; Uploaded = uploaded; Downloaded = downloaded;
            }
        }

        sealed class Fetched : ICoreWork
        {
            readonly IDownloadDone _callback;
            readonly string _error;

            public Fetched(IDownloadDone callback, string error) { _callback = callback; _error = error; }

            public void Run() { _callback.Downloaded(_error); }
        }

        sealed class Done : ICoreWork
        {
            readonly IUploadDone _callback;
            readonly string _error;

            public Done(IUploadDone callback, string error) { _callback = callback; _error = error; }

            public void Run() { _callback.Uploaded(_error); }
        }
    }
}
