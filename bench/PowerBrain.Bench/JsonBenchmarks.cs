using System.Text;
using BenchmarkDotNet.Attributes;
using PowerBrain.Firmware.Json;

namespace PowerBrain.Bench;

/// <summary>The firmware JSON on a typical OCPP MeterValues CALL with 8 sampled values.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    static readonly string[] Measurands =
    {
        "Energy.Active.Import.Register", "Power.Active.Import", "Current.Import", "Current.Import",
        "Current.Import", "Current.Offered", "Voltage", "Temperature",
    };
    static readonly string[] Phases = { null, null, "L1", "L2", "L3", null, "L1", null };
    static readonly string[] Units = { "Wh", "W", "A", "A", "A", "A", "V", "Celsius" };
    static readonly long[] Tenths = { 123456780, 110400, 160, 160, 159, 160, 2301, 251 };

    readonly JsonWriter _writer = new(1024, 4096);
    readonly JsonReader _reader = new();
    byte[] _frame;

    [GlobalSetup]
    public void Setup()
    {
        WriteMeterValues();
        _frame = _writer.ToArray();
    }

    /// <summary>Builds the CALL into the reused writer buffer.</summary>
    [Benchmark]
    public int WriteMeterValues()
    {
        var w = _writer;
        w.Reset();
        w.StartArray().Int(2).String("1700000123").String("MeterValues").StartObject()
         .Property("connectorId", 1).Property("transactionId", 4711)
         .Name("meterValue").StartArray().StartObject().Property("timestamp", "2026-11-24T10:15:30Z")
         .Name("sampledValue").StartArray();
        for (int i = 0; i < Measurands.Length; i++)
        {
            w.StartObject().Name("value").FixedAsString(Tenths[i], 1)
             .Property("context", "Sample.Periodic").Property("measurand", Measurands[i]);
            w.OptionalProperty("phase", Phases[i]);
            w.Property("unit", Units[i]).EndObject();
        }
        w.EndArray().EndObject().EndArray().EndObject().EndArray();
        return w.Length;
    }

    /// <summary>Parses the frame and pulls out what a handler would use.</summary>
    [Benchmark]
    public long ParseMeterValues()
    {
        var r = _reader;
        r.Reset(_frame, 0, _frame.Length);
        long sum = 0;
        while (r.Read() != JsonToken.EndOfInput)
        {
            if (r.Token == JsonToken.PropertyName && r.ValueEquals("value"))
            {
                r.Read();
                sum += r.GetString().Length;
            }
            else if (r.Token == JsonToken.Number) sum += r.GetInt64();
        }
        return sum;
    }

    public static string Sample()
    {
        var b = new JsonBenchmarks();
        b.Setup();
        return Encoding.UTF8.GetString(b._frame);
    }
}
