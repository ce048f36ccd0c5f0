namespace PowerBrain.Firmware.Charging
{
    /// <summary>The arbiter's last decisions that changed something (for the diagnostics file): a
    /// fixed ring, so recording allocates nothing.</summary>
    public sealed class DecisionHistory
    {
        public const int Size = 16;
        readonly long[] _atMs = new long[Size];
        readonly int[] _deciAmps = new int[Size], _limitedBy = new int[Size];
        readonly bool[] _allowed = new bool[Size];
        int _next, _count;

        /// <summary>Records the decision when it differs from the last one recorded.</summary>
        public void Record(long uptimeMs, ArbiterDecision d)
        {
            if (_count > 0)
            {
                int last = (_next + Size - 1) % Size;
                if (_allowed[last] == d.Allowed && _deciAmps[last] == d.DeciAmps && _limitedBy[last] == d.LimitedBy) return;
            }
            _atMs[_next] = uptimeMs;
            _allowed[_next] = d.Allowed;
            _deciAmps[_next] = d.DeciAmps;
            _limitedBy[_next] = d.LimitedBy;
            _next = (_next + 1) % Size;
            if (_count < Size) _count++;
        }

        public int Count { get { return _count; } }

        /// <summary>The i-th kept decision, oldest first.</summary>
        public void Get(int i, out long uptimeMs, out bool allowed, out int deciAmps, out int limitedBy)
        {
            int at = (_next - _count + i + Size * 2) % Size;
            uptimeMs = _atMs[at];
            allowed = _allowed[at];
            deciAmps = _deciAmps[at];
            limitedBy = _limitedBy[at];
        }
    }
}
