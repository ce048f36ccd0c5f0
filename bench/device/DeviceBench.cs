using System;
using System.Text;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;
using PowerBrain.Firmware.Ocpp.Calls;
using PowerBrain.Tests.Support;
using NGC = nanoFramework.Runtime.Native.GC;
using PowerBrain.Firmware.History;
using PowerBrain.Firmware.Web;

namespace PowerBrain.DeviceBench
{
    /// <summary>
    /// Figures from the real nanoFramework runtime (run by bench/device/run.sh on the kit's nanoCLR):
    /// the managed heap of an idle wallbox, and the time per Modbus FC03 request, per MeterValues
    /// CALL built and per SetChargingProfile handled. The nanoCLR runs on a PC, far faster than a
    /// 240 MHz ESP32: the times compare firmware versions, they do not predict the board.
    /// </summary>
    public static class Program
    {
        const string EightValues = "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage";

        public static void Main()
        {
            long freeAtStart = NGC.Run(true);
            ScriptBox t = new ScriptBox();
            t.Board.ScriptPilot.State = 'C';
            t.Run(2000);
            long freeIdle = NGC.Run(true);
            Console.WriteLine("heap: free " + freeAtStart.ToString() + " B before the wallbox, " + freeIdle.ToString()
                + " B with it built and charging: the wallbox's own objects take " + (freeAtStart - freeIdle).ToString() + " B");

            // What the owner's history costs: the chart ring and the session log alone, then the whole web site.
            long beforeHistory = NGC.Run(true);
            ChartSamples chart = new ChartSamples(t.Box.Status, t.Board.Clock);
            long afterChart = NGC.Run(true);
            SessionLog sessions = new SessionLog(t.Box);
            long afterLog = NGC.Run(true);
            WebSite site = new WebSite(t.Box, null);
            long afterSite = NGC.Run(true);
            Console.WriteLine("heap: chart ring " + (beforeHistory - afterChart).ToString() + " B, session log " + (afterLog - afterChart).ToString()
                + " B (the closed sessions stay on flash), whole web site with both " + (afterLog - afterSite).ToString() + " B");
            for (int n = 0; n < 3; n++)
            {
                t.Board.ScriptPilot.State = 'A';
                t.Run(1500);
                t.Board.ScriptPilot.State = 'C';
                t.Run(1500);
            }
            byte[] logBlob = t.Storage.Read(SessionLog.LogBlob);
            int lines = site.Sessions.Closed().Length;
            Console.WriteLine("flash: session log " + logBlob.Length.ToString() + " B for " + lines.ToString() + " sessions without OCPP, so about "
                + (logBlob.Length * SessionLog.MaxSessions / lines).ToString() + " B for " + SessionLog.MaxSessions.ToString() + "; a line with a 20-character idTag and OCPP ids adds about 40 B");
            if (chart.Count < 0 || sessions.Running) Console.WriteLine("(kept alive)");

            byte[] fc03 = { 3, 0x1F, 0x40, 0, 10 };   // 8000, 10 registers
            byte[] reply = new byte[260];
            Time("Modbus FC03 of 10 registers", 5000, delegate { t.Box.ModbusSlave.Handle(fc03, 0, fc03.Length, reply, 0); });
            byte[] fc06 = { 6, 0x1F, 0x9D, 0, 100 };  // 8093 = 10 A
            Time("Modbus FC06 to 8093", 5000, delegate { t.Box.ModbusSlave.Handle(fc06, 0, fc06.Length, reply, 0); });

            JsonWriter frame = new JsonWriter(1024, 8192);
            Transactions session = t.Box.OcppClient.Transactions;
            Time("MeterValues CALL with 8 sampled values built", 1000, delegate
            {
                QueuedMessage message = new QueuedMessage();
                message.Action = "MeterValues";
                message.LocalTx = 1;
                message.Members = session.MeterValuesMembers(EightValues, "Sample.Periodic");
                frame.Reset();
                frame.StartArray().Int(2).String("1-42").String("MeterValues");
                new TransactionCall(session, message).Write(frame);
                frame.EndArray();
            });

            byte[] profile = Encoding.UTF8.GetBytes("[2,\"cs-1\",\"SetChargingProfile\",{\"connectorId\":1,\"csChargingProfiles\":{\"chargingProfileId\":7,\"stackLevel\":1," +
                "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\",\"validTo\":\"9999-12-31T23:59:59Z\"," +
                "\"chargingSchedule\":{\"chargingRateUnit\":\"A\",\"startSchedule\":\"2026-01-01T00:00:00Z\",\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":8.0},{\"startPeriod\":3600,\"limit\":16.0}]}}}]");
            int answered = t.Box.OcppClient.Rpc.HandleIncoming(profile);
            Console.WriteLine("SetChargingProfile answer: " + Encoding.UTF8.GetString(t.Box.OcppClient.Rpc.ReplyBuffer, 0, answered));
            Time("SetChargingProfile handled (parsed, stored, answered, pilot updated)", 300, delegate { t.Box.OcppClient.Rpc.HandleIncoming(profile); });
            Console.WriteLine("offered after the profile: " + t.Box.Status.OfferedDeciAmps.ToString() + " dA");

            byte[] modulus = PowerBrain.Firmware.Core.Hex.Decode(RsaVector.Modulus), signature = PowerBrain.Firmware.Core.Hex.Decode(RsaVector.Signature);
            byte[] text = Encoding.UTF8.GetBytes(RsaVector.Message);
            byte[] digest = PowerBrain.Firmware.Security.Sha256.Hash(text, 0, text.Length);
            Console.WriteLine("RSA-2048 signature valid: " + PowerBrain.Firmware.Security.Rsa.VerifyPkcs1Sha256(modulus, RsaVector.Exponent, digest, signature).ToString());
            Time("RSA-2048 PKCS#1 v1.5 SHA-256 signature verified", 5, delegate { PowerBrain.Firmware.Security.Rsa.VerifyPkcs1Sha256(modulus, RsaVector.Exponent, digest, signature); });
            byte[] pssModulus = PowerBrain.Firmware.Core.Hex.Decode(SignatureVectors.PssModulus), pss = PowerBrain.Firmware.Core.Hex.Decode(SignatureVectors.PssSignature);
            Console.WriteLine("RSA-2048 PSS signature valid: " + PowerBrain.Firmware.Security.Rsa.VerifyPssSha256(pssModulus, RsaVector.Exponent, digest, pss).ToString());
            Time("RSA-2048 PSS SHA-256 signature verified", 5, delegate { PowerBrain.Firmware.Security.Rsa.VerifyPssSha256(pssModulus, RsaVector.Exponent, digest, pss); });
            byte[] point = PowerBrain.Firmware.Core.Hex.Decode(SignatureVectors.EcPoint), ecdsa = PowerBrain.Firmware.Core.Hex.Decode(SignatureVectors.EcSignature);
            Console.WriteLine("ECDSA P-256 signature valid: " + PowerBrain.Firmware.Security.EcdsaP256.VerifySha256(point, digest, ecdsa).ToString());
            Time("ECDSA P-256 SHA-256 signature verified", 3, delegate { PowerBrain.Firmware.Security.EcdsaP256.VerifySha256(point, digest, ecdsa); });
            Console.WriteLine("heap: free " + NGC.Run(true).ToString() + " B at the end");
            Console.WriteLine("device-bench: end");
        }

        delegate void Work();

        static void Time(string what, int runs, Work work)
        {
            work();
            long start = DateTime.UtcNow.Ticks;
            for (int i = 0; i < runs; i++) work();
            long ticks = DateTime.UtcNow.Ticks - start;
            long nanos = ticks * 100 / runs;
            Console.WriteLine(what + ": " + (nanos / 1000).ToString() + "." + (nanos % 1000 / 100).ToString() + " µs each (" + runs.ToString() + " runs)");
        }
    }
}
