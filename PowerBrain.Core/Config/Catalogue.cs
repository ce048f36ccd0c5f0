using PowerBrain.Firmware.Core;

namespace PowerBrain.Firmware.Config
{
    /// <summary>The name of row i of a table that makes its rows on demand; null past its end.</summary>
    public delegate string RowName(int i);

    /// <summary>What the tables made row by row (settings, OCPP keys) share: their names, collected
    /// once so that a lookup by name allocates nothing.</summary>
    public static class Catalogue
    {
        public static string[] Names(RowName rowName)
        {
            int n = 0;
            while (rowName(n) != null) n++;
            string[] names = StringArrays.New(n);
            for (int i = 0; i < n; i++) names[i] = rowName(i);
            return names;
        }

        /// <summary>The position of name in names, or -1.</summary>
        public static int IndexOf(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++) if (names[i] == name) return i;
            return -1;
        }
    }
}
