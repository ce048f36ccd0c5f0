using PowerBrain.Firmware.Charging;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Hal;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Firmware.History
{
    /// <summary>The last 15 minutes of offered current, measured current per phase and power, one
    /// sample every <see cref="PeriodMs"/>, in a fixed ring of small arrays (no allocation after
    /// start). Sampled on the core loop.</summary>
    public sealed class ChartSamples : ICoreWork
    {
        public const int PeriodMs = 5000;
        public const int Slots = 180;   // 15 min

        readonly ChargingStatus _status;
        readonly IClock _clock;
        // 0.1 A, and W.
        readonly short[] _offered = new short[Slots];
        readonly short[] _l1 = new short[Slots], _l2 = new short[Slots], _l3 = new short[Slots];
        readonly int[] _powerW = new int[Slots];
        int _next, _count;
        long _lastMs = -1;

        public ChartSamples(ChargingStatus status, IClock clock)
        {
            _status = status;
            _clock = clock;
        }

        public int Count { get { return _count; } }

        public void Run()
        {
            _offered[_next] = (short)_status.OfferedDeciAmps;
            int[] ma = _status.Meter.CurrentMa;
            _l1[_next] = DeciAmps(ma[0]);
            _l2[_next] = DeciAmps(ma[1]);
            _l3[_next] = DeciAmps(ma[2]);
            _powerW[_next] = _status.Meter.PowerW;
            _next = (_next + 1) % Slots;
            if (_count < Slots) _count++;
            _lastMs = _clock.UptimeMs;
        }

        static short DeciAmps(int milliAmps)
        {
            int d = milliAmps / 100;
            return (short)(d > short.MaxValue ? short.MaxValue : d < 0 ? 0 : d);
        }

        /// <summary>{"periodS":5,"ageS":n,"samples":[[offeredA,l1A,l2A,l3A,powerW],…]} oldest first.</summary>
        public void Write(JsonWriter json)
        {
            json.StartObject().Property("periodS", PeriodMs / 1000)
                .Property("ageS", _lastMs < 0 ? -1 : (_clock.UptimeMs - _lastMs) / 1000)
                .Name("samples").StartArray();
            for (int k = 0; k < _count; k++)
            {
                int i = (_next - _count + k + Slots) % Slots;
                json.StartArray().Fixed(_offered[i], 1).Fixed(_l1[i], 1).Fixed(_l2[i], 1).Fixed(_l3[i], 1).Int(_powerW[i]).EndArray();
            }
            json.EndArray().EndObject();
        }
    }
}
