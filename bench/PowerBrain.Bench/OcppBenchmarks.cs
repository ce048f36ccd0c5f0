using System;
using System.IO;
using System.Text;
using BenchmarkDotNet.Attributes;
using PowerBrain.Emulator;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Bench;

/// <summary>The firmware's OCPP path in-process: a typical incoming CALL parsed and answered, and a
/// MeterValues CALL with 8 sampled values built (payload captured, then the frame written).</summary>
[MemoryDiagnoser]
public class OcppBenchmarks
{
    Wallbox _box;
    string _data;
    byte[] _remoteStop, _getConfiguration, _changeAvailability;
    readonly JsonWriter _frame = new(1024, 8192);
    const string EightValues = "Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage";

    [GlobalSetup]
    public void Setup()
    {
        _data = Path.Combine(Path.GetTempPath(), "pb-bench-ocpp-" + Guid.NewGuid().ToString("N"));
        var board = new EmulatorBoard(_data, log: new PowerBrain.Emulator.Host.ConsoleLog { MinLevel = PowerBrain.Firmware.Hal.LogLevel.Error });
        _box = new Wallbox(board, new WallboxOptions());
        _box.Charging.ReadMeterNow();
        _remoteStop = Encoding.UTF8.GetBytes("[2,\"19223201\",\"RemoteStopTransaction\",{\"transactionId\":4711}]");
        _getConfiguration = Encoding.UTF8.GetBytes("[2,\"19223202\",\"GetConfiguration\",{\"key\":[\"HeartbeatInterval\",\"MeterValueSampleInterval\"]}]");
        _changeAvailability = Encoding.UTF8.GetBytes("[2,\"19223203\",\"ChangeAvailability\",{\"connectorId\":1,\"type\":\"Operative\"}]");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        try { Directory.Delete(_data, true); } catch (IOException) { }
    }

    [Benchmark]
    public int RemoteStopTransactionCall() => _box.OcppClient.Rpc.HandleIncoming(_remoteStop);

    [Benchmark]
    public int GetConfigurationCall() => _box.OcppClient.Rpc.HandleIncoming(_getConfiguration);

    [Benchmark]
    public int ChangeAvailabilityCall() => _box.OcppClient.Rpc.HandleIncoming(_changeAvailability);

    [Benchmark]
    public int BuildMeterValuesCall()
    {
        var message = new QueuedMessage { Action = "MeterValues", LocalTx = 1, Members = _box.OcppClient.Transactions.MeterValuesMembers(EightValues, "Sample.Periodic") };
        _frame.Reset();
        _frame.StartArray().Int(2).String("1-42").String("MeterValues");
        new PowerBrain.Firmware.Ocpp.Calls.TransactionCall(_box.OcppClient.Transactions, message).Write(_frame);
        _frame.EndArray();
        return _frame.Length;
    }

    public static string SampleMeterValues()
    {
        var b = new OcppBenchmarks();
        b.Setup();
        b.BuildMeterValuesCall();
        var text = b._frame.ToString();
        b.Cleanup();
        return text;
    }
}
