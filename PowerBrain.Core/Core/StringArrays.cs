namespace PowerBrain.Firmware.Core
{
    /// <summary>
    /// The one way firmware code makes a string array to fill later. On the nanoCLR an element of a
    /// fresh <c>new string[n]</c> that was never assigned is not a plain null: <c>bool b = a[i] == null;</c>
    /// gives false (even through <c>(object)</c>), and <c>a[i] == "x"</c> (also as an if condition)
    /// crashes the runtime (measured with the kit's nanoCLR, Release and Debug). An element set to
    /// null explicitly behaves. The gate refuses <c>new string[n]</c> elsewhere.
    /// </summary>
    public static class StringArrays
    {
        public static string[] New(int length)
        {
            string[] a = new string[length];
            for (int i = 0; i < length; i++) a[i] = null;
            return a;
        }
    }
}
