using System;
using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Modbus;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Firmware.Web
{
    /// <summary>
    /// "Why is it (not) charging?" in words: the arbiter's decision (the arbiter stays the only
    /// place that decides) and the inputs of the side it names, as a stable code for scripts and a
    /// sentence for people. Runs on the core thread, with the status route.
    /// </summary>
    public sealed class ChargingReason
    {
        public string Code = "";
        public string Text = "";

        public void Explain(Wallbox box)
        {
            ChargingStatus s = box.Status;
            ArbiterDecision d = box.Charging.Decision;
            ModbusControl m = box.Modbus;
            Authorization auth = box.OcppClient.Authorization;
            int fault = box.Charging.Fault;
            if (fault != FaultKind.None) { Set("fault", "Fault: " + FaultText(fault, box.Board.Contactor.FeedbackClosed)); return; }
            if (s.CpState == CpState.E || s.CpState == CpState.F) { Set("pilot-error", "Fault: the control pilot reads state " + (s.CpState == CpState.E ? "E (no voltage)" : "F (error)")); return; }
            if (box.Ocpp.Active && !box.Ocpp.Operative) { Set("ocpp-unavailable", "Not charging: the backend made the connector unavailable"); return; }
            if (s.CpState == CpState.A)
            {
                if (box.Ocpp.Active && auth.State == Authorization.Accepted && !box.Ocpp.TransactionRunning) Set("auth-accepted", auth.Tag + " is authorized: plug in the car");
                else if (box.Ocpp.Active && box.OcppClient.Reservations.Active) Set("reserved", Reserved(box.OcppClient.Reservations));
                else Set("no-car", "No car connected");
                return;
            }
            if (!d.Allowed)
            {
                if (d.LimitedBy == LimitedBy.Modbus && m.MasterLost && m.LostMode == MasterLostMode.Stop)
                {
                    Set("modbus-lost-stop", "Not charging: the Modbus master is silent " + Since(box, m.LastContactMs) + " and the setting says stop");
                    return;
                }
                if (d.LimitedBy == LimitedBy.Modbus) { Set("modbus-paused", "Paused by the load manager (Modbus enable = 0)"); return; }
                if (d.LimitedBy == LimitedBy.Ocpp && !box.Ocpp.TransactionRunning) { ExplainAuthorization(box, auth); return; }
                if (d.LimitDeciAmps < DutyCycle.MinDeciAmps)
                {
                    Set("below-minimum", "Paused: the limit of " + Amps(d.LimitDeciAmps) + " set by " + Side(d.LimitedBy) + " is below 6.0 A");
                    return;
                }
            }
            if (box.Charging.DisconnectActive) { Set("modbus-disconnect", "Paused: the load manager asked for a pilot disconnect"); return; }
            bool carWants = s.CpState == CpState.C || s.CpState == CpState.D;
            string head = carWants && s.ContactorClosed ? "Charging at " + Amps(d.DeciAmps)
                : carWants ? "About to charge at " + Amps(d.DeciAmps) + " (the contactor closes shortly)"
                : "Offering " + Amps(d.DeciAmps) + " (the car has not started drawing current)";
            switch (d.LimitedBy)
            {
                case LimitedBy.Modbus: Set("limit-modbus", head + ", limited by the load manager (Modbus limit " + Amps(m.LimitDeciAmps) + ")"); break;
                case LimitedBy.Fallback: Set("limit-fallback", head + ": Modbus master silent " + Since(box, m.LastContactMs) + ", fallback " + Amps(m.FallbackDeciAmps)); break;
                case LimitedBy.Ocpp: Set("limit-ocpp", head + ", " + ProfileText(box)); break;
                case LimitedBy.Cable: Set("limit-cable", head + ", limited by the cable (" + Amps(d.LimitDeciAmps) + ")"); break;
                default: Set("limit-hardware", head + ", limited by the hardware maximum (" + Amps(d.LimitDeciAmps) + ")"); break;
            }
        }

        void ExplainAuthorization(Wallbox box, Authorization auth)
        {
            string fixedTag = box.Settings.GetText(Config.SettingsCatalog.OcppIdTag);
            if (auth.State == Authorization.Waiting) Set("auth-waiting", "Waiting for the backend to authorize " + auth.Tag);
            else if (auth.State == Authorization.Refused) Set("auth-refused", "Not charging: " + auth.Refusal);
            else if (auth.FreeVendWaiting) Set("auth-waiting", "Waiting for the backend to authorize " + fixedTag + " (it has not accepted this box yet)");
            else Set("auth-needed", "Waiting for authorization: present a card, or start the session from the backend");
        }

        static string Reserved(Reservations r)
        {
            return "Reserved by the backend for " + r.IdTag + (r.ParentIdTag != null ? " (or a card of " + r.ParentIdTag + ")" : "")
                   + " until " + Clock(new DateTime(r.ExpiryTicks)) + " UTC";
        }

        static string ProfileText(Wallbox box)
        {
            OcppClient o = box.OcppClient;
            DateTime now = box.Board.Clock.UtcNow;
            int id = o.Profiles.DecidingIdFor(now, o.ConnectorId, o.Transactions.Current);
            string text = "limited to " + Amps(box.Ocpp.LimitDeciAmps) + " by the backend's charging profile" + (id >= 0 ? " " + id : "");
            DateTime until = o.Profiles.LimitChangesAfter(now, o.ConnectorId, o.Transactions.Current);
            return until == DateTime.MinValue ? text : text + " until " + Clock(until) + " UTC";
        }

        static string Since(Wallbox box, long lastContactMs)
        {
            if (lastContactMs < 0) return "since the start";
            DateTime t = box.Board.Clock.UtcNow.AddMilliseconds(-(box.Board.Clock.UptimeMs - lastContactMs));
            return "since " + Clock(t) + " UTC";
        }

        static string Clock(DateTime t)
        {
            return (t.Hour < 10 ? "0" : "") + t.Hour + ":" + (t.Minute < 10 ? "0" : "") + t.Minute;
        }

        static string FaultText(int fault, bool contactorReportsClosed)
        {
            switch (fault)
            {
                // Faults open the contactor: one that still reports closed is welded.
                case FaultKind.Contactor: return contactorReportsClosed ? "contactor welded" : "the contactor does not close";
                case FaultKind.Diode: return "the car's diode check failed";
                case FaultKind.OverCurrent: return "the car draws more than offered";
                default: return FaultKind.Name(fault);
            }
        }

        static string Side(int who)
        {
            switch (who)
            {
                case LimitedBy.Modbus: return "the load manager";
                case LimitedBy.Ocpp: return "the backend";
                case LimitedBy.Fallback: return "the Modbus fallback";
                case LimitedBy.Cable: return "the cable";
                default: return "the hardware maximum";
            }
        }

        public static string Amps(int deciAmps)
        {
            if (deciAmps < 0) deciAmps = 0;
            return Core.Numbers.Tenths(deciAmps) + " A";
        }

        void Set(string code, string text)
        {
            Code = code;
            Text = text;
        }
    }
}
