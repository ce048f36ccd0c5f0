using System;

namespace PowerBrain.Firmware.Core
{
    /// <summary>ISO 8601 timestamps written and read from the DateTime parts, identical on device
    /// and desktop (no format strings, no culture).</summary>
    public static class Iso8601
    {
        /// <summary>2026-11-24T10:15:30Z (UTC, whole seconds).</summary>
        public static string Format(DateTime utc)
        {
            char[] c = new char[20];
            Put(c, 0, utc.Year, 4); c[4] = '-'; Put(c, 5, utc.Month, 2); c[7] = '-'; Put(c, 8, utc.Day, 2);
            c[10] = 'T'; Put(c, 11, utc.Hour, 2); c[13] = ':'; Put(c, 14, utc.Minute, 2); c[16] = ':'; Put(c, 17, utc.Second, 2);
            c[19] = 'Z';
            return new string(c);
        }

        static void Put(char[] c, int at, int value, int digits)
        {
            for (int i = digits - 1; i >= 0; i--) { c[at + i] = (char)('0' + value % 10); value /= 10; }
        }

        /// <summary>Parses 2026-11-24T10:15:30Z, with optional fractions and a Z or ±hh:mm offset.
        /// Returns false for anything else.</summary>
        public static bool TryParse(string s, out DateTime utc)
        {
            utc = DateTime.MinValue;
            if (s == null || s.Length < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return false;
            int year, month, day, hour, minute, second;
            if (!Digits(s, 0, 4, out year) || !Digits(s, 5, 2, out month) || !Digits(s, 8, 2, out day)
                || !Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute) || !Digits(s, 17, 2, out second)) return false;
            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return false;
            int i = 19;
            long fractionTicks = 0;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                long scale = TimeSpan.TicksPerSecond;
                int start = i;
                while (i < s.Length && s[i] >= '0' && s[i] <= '9')
                {
                    scale /= 10;
                    fractionTicks += (s[i] - '0') * scale;
                    i++;
                }
                if (i == start) return false;
            }
            int offsetMinutes = 0;
            if (i < s.Length && (s[i] == 'Z' || s[i] == 'z')) i++;
            else if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                int oh, om;
                if (i + 6 > s.Length || s[i + 3] != ':' || !Digits(s, i + 1, 2, out oh) || !Digits(s, i + 4, 2, out om) || oh > 23 || om > 59) return false;
                offsetMinutes = (oh * 60 + om) * (s[i] == '-' ? -1 : 1);
                i += 6;
            }
            else return false;   // a time without a zone is ambiguous
            if (i != s.Length) return false;
            DateTime local = new DateTime(year, month, day, hour, minute, second);
            utc = new DateTime(local.Ticks + fractionTicks - offsetMinutes * TimeSpan.TicksPerMinute, DateTimeKind.Utc);
            return true;
        }

        static bool Digits(string s, int at, int count, out int value)
        {
            value = 0;
            for (int i = at; i < at + count; i++)
            {
                char c = s[i];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            return true;
        }
    }
}
