using System;
using System.Collections;
using System.Text;
using System.Threading;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Web;
using PowerBrain.Tests.Support;

namespace PowerBrain.Scenario
{
    /// <summary>
    /// The whole wallbox through a deterministic script, on a scripted board: boot, a fixed-idTag
    /// session with MeterValues, Modbus RTU reads and writes (exceptions included), smart charging,
    /// the local list, an Authorize answer and a certificate that never expire, JSON with emoji, and
    /// a power cut mid-transaction with the restart after it. Every line it writes must be the same
    /// on desktop .NET and on the nanoCLR (tools/device/scenario.sh compares them).
    /// </summary>
    public sealed class WallboxScript
    {
        public const string EndLine = "scenario: end";
        const string NeverExpiresRoot =
            "-----BEGIN CERTIFICATE-----\\n" +
            "MIIBJDCBygIBATAKBggqhkjOPQQDAjAdMRswGQYDVQQDDBJOZXZlciBFeHBpcmVz\\n" +
            "IFJvb3QwIBcNMjYxMjAxMDAwMDAwWhgPOTk5OTEyMzEyMzU5NTlaMB0xGzAZBgNV\\n" +
            "BAMMEk5ldmVyIEV4cGlyZXMgUm9vdDBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IA\\n" +
            "BCxXMTTbthGEqZNfSEATCJxPlEL/9vNzXkbnxsD2qwn03Xo71bNn8SX3J6Po4Fyi\\n" +
            "Q9upyi1IFcV8046iCAUlIZ4wCgYIKoZIzj0EAwIDSQAwRgIhAKbYP4sohjt36d3u\\n" +
            "uH4xU8UFrXzAyiKEMrMunihqSYUhAiEAg7c8OBazPXfqP0tIr+MIJ/0SdrT/QV/Z\\n" +
            "gwZTUAefma0=\\n" +
            "-----END CERTIFICATE-----\\n";

        readonly LineSink _out;
        readonly SimClock _clock = new SimClock();
        MemoryStorage _storage = new MemoryStorage();
        ScriptedBoard _board;
        Wallbox _box;
        readonly ScriptedCsms _csms = new ScriptedCsms(null, null);

        /// <summary>Called at the script's high-water marks (the nanoCLR runner measures the heap there).</summary>
        public LineSink Checkpoint;

        public WallboxScript(LineSink output)
        {
            _out = output;
            _csms.Transcript = output;
        }

        WebSite _site;

        void Say(string line) { _out(line); }

        public void Run()
        {
            Say("scenario: boot");
            Boot(true);
            if (Checkpoint != null) Checkpoint("boot");
            Csms(10);
            Status();
            if (Checkpoint != null) Checkpoint("idle");

            Say("scenario: modbus");
            Modbus("identity 8000..8002", RtuFrames.Request(1, 3, 8000, 3));
            Modbus("status 8092..8095", RtuFrames.Request(1, 3, 8092, 4));
            Modbus("write 8093 = 100 (10 A)", RtuFrames.Request(1, 6, 8093, 100));
            Modbus("read back 8093", RtuFrames.Request(1, 3, 8093, 1));
            Modbus("unknown register 7000: exception 2", RtuFrames.Request(1, 3, 7000, 1));
            Modbus("function 0x2B: exception 1", RtuFrames.Request(1, 0x2B, 0x0E01, 0x0000));
            Modbus("too many registers: exception 3", RtuFrames.Request(1, 3, 8000, 200));
            Modbus("another slave id: silence", RtuFrames.Request(7, 3, 8000, 1));
            byte[] bad = RtuFrames.Request(1, 3, 8000, 1);
            bad[bad.Length - 1] ^= 0x55;
            Modbus("bad CRC: silence", bad);
            Modbus("write 8093 = 160 (16 A)", RtuFrames.Request(1, 6, 8093, 160));

            Say("scenario: configuration and JSON with emoji");
            Call("ChangeConfiguration", "{\"key\":\"MeterValueSampleInterval\",\"value\":\"10\"}");
            Call("GetConfiguration", "{\"key\":[\"MeterValueSampleInterval\",\"Zähler 😀 🔌\"]}");
            Call("DataTransfer", "{\"vendorId\":\"Ladepark Süd 😀\",\"data\":\"𝄞 \\ud83d\\ude00 \\u00e9\"}");

            Say("scenario: fixed-idTag session");
            _board.ScriptPilot.State = 'B';
            for (int step = 0; step < 30; step++)
            {
                _board.Step(10);
                _box.Core.RunPending();
            }
            Status();   // the Authorize is out, not yet answered
            Csms(3);
            _board.ScriptPilot.State = 'C';
            Csms(25);
            Status();

            Say("scenario: smart charging, validTo 9999-12-31");
            Call("SetChargingProfile", "{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":7,\"stackLevel\":1," +
                "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\",\"validFrom\":\"2026-01-01T00:00:00Z\"," +
                "\"validTo\":\"9999-12-31T23:59:59Z\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\",\"startSchedule\":\"2026-01-01T00:00:00Z\"," +
                "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":8.0}]}}}");
            Csms(2);
            Status();
            Call("GetCompositeSchedule", "{\"connectorId\":1,\"duration\":3600,\"chargingRateUnit\":\"A\"}");

            Say("scenario: local list with expiry in 9999");
            Call("SendLocalList", "{\"listVersion\":3,\"updateType\":\"Full\",\"localAuthorizationList\":[" +
                "{\"idTag\":\"CARD-😀\",\"idTagInfo\":{\"status\":\"Accepted\",\"expiryDate\":\"9999-12-31T23:59:59Z\"}}," +
                "{\"idTag\":\"CARD-2\",\"idTagInfo\":{\"status\":\"Blocked\"}}]}");
            Call("GetLocalListVersion", "{}");

            Say("scenario: certificate with notAfter 9999");
            Call("InstallCertificate", "{\"certificateType\":\"CentralSystemRootCertificate\",\"certificate\":\"" + NeverExpiresRoot + "\"}");
            Call("GetInstalledCertificateIds", "{\"certificateType\":\"CentralSystemRootCertificate\"}");
            Call("InstallCertificate", "{\"certificateType\":\"CentralSystemRootCertificate\",\"certificate\":\"-----BEGIN CERTIFICATE-----\\nA=AA\\n-----END CERTIFICATE-----\"}");
            if (Checkpoint != null) Checkpoint("charging");

            Say("scenario: power cut while charging");
            Csms(12);
            Status();
            PowerCut(45);
            Csms(10);
            Status();

            Say("scenario: unplug");
            _board.ScriptPilot.State = 'A';
            Csms(5);
            Status();
            string[] sessions = _site.Sessions.Closed();
            for (int i = 0; i < sessions.Length; i++)
            {
                string[] f = Firmware.History.SessionLog.Fields(sessions[i]);
                Say("session: " + sessions[i] + " -> transaction " + _site.Sessions.TransactionId(f) + ", backend received " + _site.Sessions.BackendReceived(f));
            }
            _box.Stop();
            Say(EndLine);
        }

        void Boot(bool first)
        {
            _board = new ScriptedBoard(_clock, _storage, new ScriptedLog(_out), null);
            WallboxOptions options = new WallboxOptions();
            options.ModbusRtuDevice = "COM2";
            options.HttpPort = 80;
            if (first)
            {
                options.SettingKeys = new string[] { "ocpp.url", "ocpp.chargeBoxId", "ocpp.password", "ocpp.idTag", "modbus.tcp.enabled",
                                                     "charging.cableMode", "charging.fixedCableDeciA", "charging.maxDeciA" };
                options.SettingValues = new string[] { "ws://csms.example/ocpp", "WB-1", "secret", "FREE", "0", "1", "320", "320" };
            }
            _box = new Wallbox(_board, options);
            _site = new WebSite(_box, null);
            _box.Start(_site.App);
            WaitForFrame();
        }

        /// <summary>The board loses power: what is in flash stays, nothing else. The old firmware's
        /// threads are then stopped on the old storage, which the new boot no longer sees.</summary>
        void PowerCut(int offSeconds)
        {
            MemoryStorage flash = new MemoryStorage();
            foreach (DictionaryEntry e in _storage.Blobs) flash.Blobs[e.Key] = ((byte[])e.Value).Clone();
            Say("power cut at " + _clock.UptimeMs + " ms uptime, meter at " + _board.ScriptMeter.EnergyWh + " Wh");
            ScriptedBoard dead = _board;
            _box.Stop();
            // Nothing of the old firmware survives a power cut: let go of it before the new boot.
            _box = null;
            _site = null;
            _csms.Box = null;
            _csms.Board = null;
            _storage = flash;
            _clock.UtcNow = _clock.UtcNow.AddSeconds(offSeconds);
            _clock.UptimeMs = 0;
            Say("power back after " + offSeconds + " s, " + flash.Blobs.Count + " blobs in flash");
            _board = new ScriptedBoard(_clock, _storage, new ScriptedLog(_out), dead);
            dead = null;
            WallboxOptions options = new WallboxOptions();
            options.ModbusRtuDevice = "COM2";
            options.HttpPort = 80;
            _box = new Wallbox(_board, options);
            _site = new WebSite(_box, null);
            _box.Start(_site.App);
            WaitForFrame();
        }

        void WaitForFrame()
        {
            _csms.Board = _board;
            _csms.Box = _box;
            _csms.Connect();
        }

        void Csms(int seconds) { _csms.Run(seconds); }

        void Call(string action, string payload) { _csms.Call(action, payload); }

        void Modbus(string what, byte[] request)
        {
            byte[] reply = _board.Line.Request(request, 300);
            Say("modbus " + what + ": " + (reply == null ? "no reply" : Hex(reply)));
        }

        static string Hex(byte[] b)
        {
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < b.Length; i++) s.Append(b[i].ToString("X2")).Append(i + 1 < b.Length ? " " : "");
            return s.ToString();
        }

        void Status()
        {
            var s = _box.Status;
            Say("status: cp " + s.CpState + ", offered " + s.OfferedDeciAmps + " dA, limited by " + Firmware.Charging.LimitedBy.Name(s.LimitedBy)
                + ", duty " + _board.ScriptPilot.DutyPermille + " permille, contactor " + (_board.ScriptContactor.FeedbackClosed ? "closed" : "open")
                + ", meter " + s.Meter.EnergyWh + " Wh " + s.Meter.PowerW + " W, ocpp " + _box.OcppClient.Connection.State + "/" + _box.OcppClient.Registration.BootStatus
                + ", connector " + _box.OcppClient.StatusReporter.Reported + ", queued " + _box.OcppClient.Transactions.Store.Count);
            ChargingReason reason = new ChargingReason();
            reason.Explain(_box);
            Say("reason: " + reason.Code + ": " + reason.Text);
        }
    }
}
