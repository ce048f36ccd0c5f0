using PowerBrain.Firmware.History;

namespace PowerBrain.Firmware.Web
{
    /// <summary>The built-in page and JSON API of one wallbox, with what it keeps for the owner
    /// (the session log, the chart): the board builds it on top of the
    /// wallbox and passes <see cref="App"/> to <see cref="Wallbox.Start"/>. The firmware below
    /// knows nothing of it.</summary>
    public sealed class WebSite
    {
        public readonly WebApp App;
        public readonly WebAuth Auth;
        public readonly SessionLog Sessions;
        public readonly ChartSamples Chart;

        /// <param name="adminPassword">Set on a first run (no password stored yet); null: the page
        /// asks for one. Check it with <see cref="WebAuth.PasswordProblem"/> first.</param>
        public WebSite(Wallbox box, string adminPassword)
        {
            Auth = new WebAuth(box.Board.Storage, box.Board.Clock, box.Log);
            if (adminPassword != null && Auth.NeedsSetup)
            {
                string error = Auth.SetPassword(adminPassword);
                if (error != null) throw new System.ArgumentException(error);
            }
            Sessions = new SessionLog(box);
            Chart = new ChartSamples(box.Status, box.Board.Clock);
            box.Core.Schedule(Sessions, 0, SessionLog.PollMs);
            box.Core.Schedule(Chart, ChartSamples.PeriodMs, ChartSamples.PeriodMs);

            App = new WebApp(box.Core, box.Log, Auth);
            new AuthRoutes(Auth).AddTo(App);
            new ConfigRoutes(box.Settings, box.Log, box.Core, box).AddTo(App);
            new CertificateRoutes(box.OcppClient.Certificates, box.OcppClient, box.OcppClient.Connection).AddTo(App);
            StatusRoute status = new StatusRoute(box);
            App.Add("GET", "/api/status", status);
            new HistoryRoutes(Sessions, Chart).AddTo(App);
            DiagnosticsRoute diagnostics = new DiagnosticsRoute(box, status, Sessions);
            App.Add("GET", "/api/diagnostics", diagnostics);
            box.OcppClient.Uploads.Diagnostics = diagnostics;   // GetDiagnostics uploads the same file
        }
    }
}
