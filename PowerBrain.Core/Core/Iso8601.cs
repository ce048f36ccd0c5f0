using System;

namespace PowerBrain.Firmware.Core
{
    /// <summary>ISO 8601 timestamps written and read from the DateTime parts, identical on device
    /// and desktop (no format strings, no culture).</summary>
    public static class Iso8601
    {
        /// <summary>The last and first whole second of the device's DateTime (nanoFramework covers
        /// 1601-01-01 to 3000-12-31; constructing a date outside throws there).</summary>
        public static readonly DateTime LastDate = new DateTime(new DateTime(3000, 12, 31, 23, 59, 59).Ticks, DateTimeKind.Utc);
        public static readonly DateTime FirstDate = new DateTime(new DateTime(1601, 1, 1).Ticks, DateTimeKind.Utc);

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
        /// Returns false for anything else. A time after <see cref="LastDate"/> (9999-12-31 is how
        /// backends and certificates write "never") gives LastDate, one before FirstDate gives
        /// FirstDate: the device cannot hold them, and it never throws here.</summary>
        public static bool TryParse(string text, out DateTime utc)
        {
            utc = DateTime.MinValue;
            if (text == null || text.Length < 19 || text.Length > 40) return false;
            char[] s = text.ToCharArray();   // s[i] on a device string walks its UTF-8 from the start
            if (s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != 't') || s[13] != ':' || s[16] != ':') return false;
            int year, month, day, hour, minute, second;
            if (!Digits(s, 0, 4, out year) || !Digits(s, 5, 2, out month) || !Digits(s, 8, 2, out day)
                || !Digits(s, 11, 2, out hour) || !Digits(s, 14, 2, out minute) || !Digits(s, 17, 2, out second)) return false;
            if (!IsValid(year, month, day, hour, minute, second)) return false;
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
            utc = Compose(year, month, day, hour, minute, second, fractionTicks - offsetMinutes * TimeSpan.TicksPerMinute);
            return true;
        }

        /// <summary>A UTC time from checked calendar parts plus a tick adjustment, clamped to
        /// FirstDate..LastDate instead of throwing on the device.</summary>
        public static DateTime Compose(int year, int month, int day, int hour, int minute, int second, long addTicks)
        {
            if (year > 3000) return LastDate;
            if (year < 1601) return FirstDate;
            long ticks = new DateTime(year, month, day, hour, minute, second).Ticks + addTicks;
            if (ticks > LastDate.Ticks) return LastDate;
            if (ticks < FirstDate.Ticks) return FirstDate;
            return new DateTime(ticks, DateTimeKind.Utc);
        }

        /// <summary>True when the parts name a real calendar second (any year).</summary>
        public static bool IsValid(int year, int month, int day, int hour, int minute, int second)
        {
            return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month) && hour >= 0 && hour <= 23
                && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
        }

        /// <summary>Gregorian month lengths for any year (DateTime.DaysInMonth throws after 3000 on the device).</summary>
        static int DaysInMonth(int year, int month)
        {
            if (month == 2) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
        }

        static bool Digits(char[] s, int at, int count, out int value)
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
