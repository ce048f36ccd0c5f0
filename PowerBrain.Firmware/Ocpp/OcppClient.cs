using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Config;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Security;

namespace PowerBrain.Firmware.Ocpp
{
    /// <summary>
    /// The OCPP 1.6J wing put together: the connection, the message layer, registration (boot and
    /// heartbeat), authorization, transactions, availability, status notifications, smart charging,
    /// local lists and certificates, and the one table of incoming actions. It holds no protocol
    /// logic of its own; it ticks the parts on the core thread in their order.
    /// </summary>
    public sealed class OcppClient : ICoreWork, IConnectionListener, IBackendState, ISecurityLog
    {
        public const int TickMs = 200;

        public readonly int ConnectorId;
        public readonly ConfigKeys Keys;
        public readonly CertificateStore Certificates;
        public readonly SmartCharging Profiles;
        /// <summary>OCPP's Local Authorization List and Authorization Cache.</summary>
        public readonly IdTagTable LocalList, Cache;
        public readonly OcppConnection Connection;
        public readonly OcppRpc Rpc;
        public readonly Registration Registration;
        public readonly Availability Availability;
        public readonly Reservations Reservations;
        public readonly Authorization Authorization;
        public readonly Transactions Transactions;
        public readonly Resets Resets;
        public readonly ConnectorStatus Status;
        public readonly StatusReporter StatusReporter;
        public readonly SecurityLogFile SecurityLog;
        public readonly Transfer.FileTransfer Transfer;
        public readonly LogUploads Uploads;
        public readonly Boot.AppSlots Slots;
        /// <summary>The version this box runs: the installed package's, else the built-in one.</summary>
        public readonly string RunningVersion;
        public readonly FirmwareUpdates Updates;
        int _acceptedBootsSeen;
        readonly SecurityEvents _securityEvents = new SecurityEvents();
        readonly IClock _clock;
        readonly Logger _log;

        public OcppClient(IBoard board, CoreLoop core, Logger log, Settings settings, ChargingCore charging, IRestart restart, ConfigKeys keys, int bootCount, bool startCountedByBoot)
        {
            IClock clock = board.Clock;
            IStorage storage = board.Storage;
            _clock = clock;
            _log = log;
            Keys = keys;
            Slots = new Boot.AppSlots(storage);
            // Unless the boot program did: a staged version takes over, or a failing one is rolled back, before anything runs.
            if (!startCountedByBoot) Slots.Start();
            if (Slots.Note.Length > 0) log.Info("update", Slots.Note);
            RunningVersion = Slots.Running.Length > 0 ? Slots.Running : FirmwareInfo.Version;
            ConnectorId = settings.GetNumber(SettingsCatalog.OcppConnectorId);
            Certificates = new CertificateStore(storage, clock, log);
            Profiles = new SmartCharging(storage, log);
            Profiles.Load();
            LocalList = new IdTagTable(storage, log, "ocpp-local-list.json", ConfigKeys.LocalAuthListMaxLength);
            LocalList.Load();
            Cache = new IdTagTable(storage, log, "ocpp-auth-cache.json", ConfigKeys.AuthorizationCacheSize);
            Cache.Load();
            TransactionStore store = new TransactionStore(storage, log);
            store.Load();
            Availability = new Availability(storage, log);
            SecurityLog = new SecurityLogFile(storage, log);
            Reservations = new Reservations(storage, clock, log);

            Connection = new OcppConnection(board, core, log, settings, keys, Certificates, this);
            Connection.Listener = this;
            charging.Ocpp.Active = Connection.IsOn;
            Registration = new Registration(board, keys, log, RunningVersion);
            Rpc = new OcppRpc(Connection, Registration, keys, clock, log, restart, bootCount.ToString());
            Authorization = new Authorization(this, Rpc, keys, LocalList, Cache, clock, log, settings, Reservations);
            Transactions = new Transactions(store, Authorization, Reservations, Availability, Profiles, charging, keys, this, Rpc, board, log, ConnectorId);
            Rpc.Transactions = Transactions;
            Resets = new Resets(Transactions, restart, clock);
            Status = new ConnectorStatus(charging, Transactions, Authorization, Reservations, Availability, clock, Connection.IsOn);
            StatusReporter = new StatusReporter(Status, this, Rpc, keys, clock, ConnectorId);
            Transfer = new Transfer.FileTransfer(board, core, Certificates);
            Uploads = new LogUploads(Transfer, Rpc, SecurityLog, log, clock, board.SerialNumber);
            Updates = new FirmwareUpdates(Transfer, Slots, storage, Transactions, Rpc, restart, clock, log, Certificates, this);
            RegisterHandlers(settings, charging);
        }

        // ---- the table of incoming actions: adding an action is adding a class -----------------

        void RegisterHandlers(Settings settings, ChargingCore charging)
        {
            OcppRpc r = Rpc;
            r.Register("RemoteStartTransaction", new Handlers.RemoteStartTransaction(Transactions, Availability, Reservations, this, ConnectorId));
            r.Register("RemoteStopTransaction", new Handlers.RemoteStopTransaction(Transactions, this));
            r.Register("Reset", new Handlers.Reset(Resets, Rpc, _log));
            r.Register("ChangeAvailability", new Handlers.ChangeAvailability(Availability, Transactions.Store, ConnectorId));
            r.Register("ChangeConfiguration", new Handlers.ChangeConfiguration(Keys, Connection, settings, Certificates, this, Rpc, _log));
            r.Register("GetConfiguration", new Handlers.GetConfiguration(Keys));
            r.Register("ClearCache", new Handlers.ClearCache(Cache, _log));
            r.Register("SendLocalList", new Handlers.SendLocalList(LocalList, _log));
            r.Register("GetLocalListVersion", new Handlers.GetLocalListVersion(LocalList, Keys));
            r.Register("DataTransfer", new Handlers.DataTransfer());
            r.Register("UnlockConnector", new Handlers.UnlockConnector(Transactions, settings, ConnectorId));
            r.Register("TriggerMessage", new Handlers.TriggerMessage(Registration, StatusReporter, Transactions, Uploads, Updates, Rpc, ConnectorId, false));
            r.Register("ExtendedTriggerMessage", new Handlers.TriggerMessage(Registration, StatusReporter, Transactions, Uploads, Updates, Rpc, ConnectorId, true));
            r.Register("GetDiagnostics", new Handlers.GetDiagnostics(Uploads));
            r.Register("GetLog", new Handlers.GetLog(Uploads));
            r.Register("UpdateFirmware", new Handlers.UpdateFirmware(Updates));
            r.Register("SignedUpdateFirmware", new Handlers.SignedUpdateFirmware(Updates));
            r.Register("SetChargingProfile", new Handlers.SetChargingProfile(Profiles, Transactions, _clock, ConnectorId, Transactions));
            r.Register("ClearChargingProfile", new Handlers.ClearChargingProfile(Profiles, Transactions));
            r.Register("GetCompositeSchedule", new Handlers.GetCompositeSchedule(Profiles, Transactions, _clock, settings, charging.Status, ConnectorId));
            r.Register("ReserveNow", new Handlers.ReserveNow(Reservations, Status, Keys, _clock, ConnectorId));
            r.Register("CancelReservation", new Handlers.CancelReservation(Reservations));
            r.Register("InstallCertificate", new Handlers.InstallCertificate(Certificates, this, _log));
            r.Register("GetInstalledCertificateIds", new Handlers.GetInstalledCertificateIds(Certificates));
            r.Register("DeleteCertificate", new Handlers.DeleteCertificate(Certificates, this));
        }

        public bool IsOn { get { return Connection.IsOn; } }

        // ---- IBackendState --------------------------------------------------------------------------

        public bool Online { get { return Connection.Online; } }
        public bool Accepted { get { return Registration.Accepted; } }
        public bool EverAccepted { get { return Registration.EverAccepted; } }
        public int AcceptedBoots { get { return Registration.AcceptedBoots; } }

        // ---- ISecurityLog ---------------------------------------------------------------------------

        public int SecurityProfile { get { return Connection.SecurityProfile; } }

        /// <summary>Notes a security event; it goes to the backend once it has accepted us.</summary>
        public void SecurityEvent(string type, string techInfo)
        {
            _log.Warning("security", type + (techInfo != null ? ": " + techInfo : ""));
            string now = Iso8601.Format(_clock.UtcNow);
            _securityEvents.Record(type, techInfo, now);
            SecurityLog.Add(now, type, techInfo);
        }

        // ---- what the connection tells --------------------------------------------------------------

        public void Opened()
        {
            Registration.LinkOpened();
            StatusReporter.TellAgain();
        }

        public void Down() { Rpc.LinkDown(); }

        public void Received(byte[] message) { Rpc.Received(message); }

        // ---- the tick -------------------------------------------------------------------------------

        public void Run()
        {
            if (!IsOn) return;
            long now = _clock.UptimeMs;
            Connection.Tick(now);
            if (Resets.Tick(now)) return;
            Reservations.Tick();
            Uploads.Tick(now);
            if (Registration.AcceptedBoots != _acceptedBootsSeen)
            {
                _acceptedBootsSeen = Registration.AcceptedBoots;
                Updates.BootAccepted();
            }
            Updates.Tick(now);
            Transactions.Tick(now);
            if (Accepted && Online && _securityEvents.Count > 0) _securityEvents.Flush(Rpc);
            Transactions.ApplyProfiles();
            StatusReporter.Tick(now);
            Rpc.Tick(now);
        }

        public void Stop()
        {
            Connection.Stop();
            Transfer.Stop();
        }
    }
}
