using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using PowerBrain.Emulator;
using PowerBrain.Firmware;
using PowerBrain.Firmware.Core;

namespace PowerBrain.Bench;

/// <summary>
/// Time from an input change to the new pilot duty, with the EV charging:
/// a Modbus TCP write of 8093 (from the client's send), and a SetChargingProfile CALL handed to the
/// core loop as the websocket thread does (from the post). Duty is watched by spinning on the pilot.
/// </summary>
public static class LatencyBenchmark
{
    public static void Run(int rounds)
    {
        var (box, board, data) = BenchNet.Wallbox(PowerBrain.Firmware.Config.SettingsCatalog.ChargingMaxCurrent, "320");
        BenchNet.Start(box);
        new Thread(box.Core.Run) { IsBackground = true }.Start();
        board.Ev.Plug();
        board.Ev.StartCharging(32);
        Thread.Sleep(1000);

        using var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        s.Connect(IPAddress.Loopback, box.ModbusTcpLocalPort);
        var modbus = new double[rounds];
        var reply = new byte[64];
        for (int i = 0; i < rounds; i++)
        {
            int value = i % 2 == 0 ? 100 : 160;
            var frame = new byte[] { 0, 1, 0, 0, 0, 6, 1, 6, 0x1F, 0x9D, (byte)(value >> 8), (byte)value };
            int before = board.Ev.DutyPermille;
            long t0 = Stopwatch.GetTimestamp();
            s.Send(frame);
            Wait(board, before);
            modbus[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            s.Receive(reply);
        }

        // The OCPP side on with a transaction running (no backend here); the profile handler is reached through the core queue.
        box.Core.Invoke(new OcppOn(box));
        var profile = new double[rounds];
        for (int i = 0; i < rounds; i++)
        {
            int limit = i % 2 == 0 ? 8 : 12;
            var call = Encoding.UTF8.GetBytes("[2,\"p" + i + "\",\"SetChargingProfile\",{\"connectorId\":0,\"csChargingProfiles\":{\"chargingProfileId\":1,\"stackLevel\":0," +
                "\"chargingProfilePurpose\":\"TxDefaultProfile\",\"chargingProfileKind\":\"Absolute\",\"chargingSchedule\":{\"chargingRateUnit\":\"A\"," +
                "\"chargingSchedulePeriod\":[{\"startPeriod\":0,\"limit\":" + limit + "}]}}}]");
            int before = board.Ev.DutyPermille;
            long t0 = Stopwatch.GetTimestamp();
            box.Core.Post(new Incoming(box, call));
            Wait(board, before);
            profile[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        }
        box.Stop();
        Console.WriteLine("| input change → pilot duty | rounds | median ms | p99 ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        Print("Modbus FC06 write of 8093 (from the master's send)", modbus);
        Print("SetChargingProfile (from the websocket thread's post)", profile);
        BenchNet.Remove(data);
    }

    sealed class OcppOn(Wallbox box) : ICoreWork
    {
        public void Run()
        {
            box.Ocpp.Active = true;
            box.Ocpp.TransactionRunning = true;
            box.Charging.InputsChanged();
        }
    }

    sealed class Incoming(Wallbox box, byte[] call) : ICoreWork
    {
        // OCPP is not connected here, so the reply is built but not sent.
        public void Run()
        {
            box.OcppClient.Rpc.HandleIncoming(call);
            box.OcppClient.Transactions.ApplyProfiles();
        }
    }

    static void Wait(EmulatorBoard board, int before)
    {
        var sw = Stopwatch.StartNew();
        while (board.Ev.DutyPermille == before)
        {
            if (sw.ElapsedMilliseconds > 5000) throw new TimeoutException("the duty did not change");
            Thread.SpinWait(10);
        }
    }

    static void Print(string what, double[] ms)
    {
        var sorted = ms.OrderBy(x => x).ToArray();
        Console.WriteLine($"| {what} | {ms.Length} | {sorted[ms.Length / 2]:F3} | {sorted[(int)(ms.Length * 0.99)]:F3} | {sorted[^1]:F3} |");
    }

}
