namespace PowerBrain.Tests.Support
{
    /// <summary>One OCPP test case: the box and its scripted backend.</summary>
    public delegate void OcppCase(ScriptBox t, ScriptedCsms csms);

    public static class OcppCases
    {
        /// <summary>Runs a case on a box with OCPP on (and this fixed idTag) and its scripted backend,
        /// keeping every CALL frame; stops the link thread afterwards, which would otherwise keep the
        /// runtime alive.</summary>
        public static void With(string idTag, OcppCase body)
        {
            ScriptBox t = new ScriptBox(new string[] { "ocpp.url", "ocpp.chargeBoxId", "ocpp.idTag", "modbus.tcp.enabled" },
                                        new string[] { "ws://csms.example/ocpp", "WB-7", idTag, "0" });
            ScriptedCsms csms = new ScriptedCsms(t.Board, t.Box);
            csms.KeepCalls = true;
            try { body(t, csms); }
            finally { t.Box.OcppClient.Stop(); }
        }
    }
}
