using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using PowerBrain.Emulator;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Core;
using PowerBrain.Firmware.Json;
using PowerBrain.Firmware.Ocpp;

namespace PowerBrain.Bench;

/// <summary>
/// MeterValues per second over loopback against the strict ocpp-rpc backend of the tests
/// (PowerBrain.Tests/Peers/csms.js, needs its npm packages): the firmware in this process,
/// one CALL outstanding at a time as OCPP-J requires, each answered before the next goes.
/// </summary>
public static class OcppThroughput
{
    public static void Run(int count)
    {
        int port = BenchNet.FreePort();
        var node = BenchNet.StartCsms(port, _ => { });
        var (box, _, data) = BenchNet.Wallbox(PowerBrain.Firmware.Config.SettingsCatalog.OcppUrl, $"ws://127.0.0.1:{port}/ocpp");
        BenchNet.Start(box);
        new Thread(box.Core.Run) { IsBackground = true }.Start();
        try
        {
            var sw = Stopwatch.StartNew();
            while (box.OcppClient.Registration.BootStatus != OcppStatus.BootAccepted)
            {
                if (sw.ElapsedMilliseconds > 30_000) throw new TimeoutException("no Accepted boot from the backend");
                Thread.Sleep(50);
            }
            Thread.Sleep(500);   // the boot's status notifications go first
            var counter = new Counter();
            var members = box.OcppClient.Transactions.MeterValuesMembers("Energy.Active.Import.Register,Power.Active.Import,Current.Import,Voltage", "Sample.Periodic");
            sw.Restart();
            int sent = 0;
            while (Volatile.Read(ref counter.Answered) < count)
            {
                if (sent - Volatile.Read(ref counter.Answered) < 8 && sent < count)
                {
                    box.Core.Invoke(new Enqueue(box.OcppClient, new Call(members, counter)));
                    sent++;
                }
                else Thread.Sleep(0);
                if (sw.ElapsedMilliseconds > 120_000) throw new TimeoutException($"{counter.Answered} of {count} answered");
            }
            sw.Stop();
            Console.WriteLine($"MeterValues (8 sampled values) answered by strict ocpp-rpc over loopback: {count} in {sw.Elapsed.TotalSeconds:F2} s = {count / sw.Elapsed.TotalSeconds:F0} per second, {counter.Errors} errors");
        }
        finally
        {
            box.Stop();
            node.Kill();
            BenchNet.Remove(data);
        }
    }

    sealed class Counter
    {
        public int Answered;
        public int Errors;
    }

    sealed class Enqueue(OcppClient client, IOcppCall call) : ICoreWork
    {
        public void Run() => client.Rpc.Enqueue(call);
    }

    sealed class Call(byte[] members, Counter counter) : IOcppCall
    {
        public string Action => "MeterValues";
        public void Write(JsonWriter w) => w.StartObject().RawMembers(members, 0, members.Length).EndObject();
        public void OnResult(Payload result) => Interlocked.Increment(ref counter.Answered);
        public void OnError(string code)
        {
            Interlocked.Increment(ref counter.Errors);
            Interlocked.Increment(ref counter.Answered);
        }
    }
}
