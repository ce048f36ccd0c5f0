using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Web;

namespace PowerBrain.Firmware
{
    /// <summary>Where the board's listening addresses come from when the board overrides the settings.</summary>
    public sealed class WallboxOptions
    {
        public string HttpBind = "0.0.0.0";
        /// <summary>-1: use the web.port setting.</summary>
        public int HttpPort = -1;
    }

    /// <summary>Wiring: builds the parts from a board and runs them.</summary>
    public sealed class Wallbox
    {
        public readonly IBoard Board;
        public readonly Logger Log;
        public readonly Settings Settings;
        public readonly CoreLoop Core;
        public readonly WebApp Web;
        readonly WallboxOptions _options;

        public Wallbox(IBoard board, WallboxOptions options)
        {
            Board = board;
            _options = options;
            Log = new Logger(board.Log, board.Clock, 40);
            Settings = new Settings(board.Storage, Log);
            Settings.Load();
            Core = new CoreLoop(board.Clock, Log);
            Web = new WebApp(Core, Log);
            Web.Add("GET", "/api/status", new StatusRoute(board.Clock, board.System, Log));
        }

        public int HttpPort { get { return _options.HttpPort > 0 ? _options.HttpPort : Settings.GetNumber(SettingsCatalog.WebPort); } }

        /// <summary>Starts the servers. The caller then runs <see cref="Core"/> on its thread.</summary>
        public void Start()
        {
            Log.Info("wallbox", FirmwareInfo.Name + " " + FirmwareInfo.Version + " on " + Board.Name);
            Board.HttpServer.Start(_options.HttpBind, HttpPort, Web);
            Log.Info("web", "page on http://" + _options.HttpBind + ":" + HttpPort + "/");
        }

        /// <summary>Stops the servers and saves what must survive.</summary>
        public void Stop()
        {
            Board.HttpServer.Stop();
            Core.Stop();
            Log.Info("wallbox", "stopped");
        }
    }
}
