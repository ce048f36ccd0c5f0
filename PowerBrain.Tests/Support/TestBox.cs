using System;
using System.IO;
using PowerBrain.Emulator;
using PowerBrain.Firmware;

namespace PowerBrain.Tests.Support;

/// <summary>
/// A whole wallbox in the test process on a simulated clock: the emulator board (files in a temp
/// folder, the simulated EV) and the firmware, driven by RunPending instead of a loop thread.
/// </summary>
public sealed class TestBox : IDisposable
{
    public readonly SimClock Clock = new();
    public readonly ListLog Log = new();
    public readonly string DataFolder;
    public EmulatorBoard Board { get; private set; }
    public Wallbox Box { get; private set; }

    public TestBox(string dataFolder = null)
    {
        DataFolder = dataFolder ?? Path.Combine(Path.GetTempPath(), "pb-test-" + Guid.NewGuid().ToString("N"));
        Boot();
    }

    /// <summary>(Re)builds the board and firmware on the same data folder, as after a reset.</summary>
    public void Boot()
    {
        Board = new EmulatorBoard(DataFolder, Clock, Log);
        Box = new Wallbox(Board, new WallboxOptions());
        Box.StartTimers();
    }

    /// <summary>Advances the clock in 10 ms steps, running the core loop each step.</summary>
    public void Run(long ms)
    {
        for (long t = 0; t < ms; t += 10)
        {
            Clock.Advance(10);
            Box.Core.RunPending();
        }
    }

    /// <summary>Sends a request PDU to the Modbus slave; returns the response PDU (null: no reply).</summary>
    public byte[] Modbus(params int[] pdu)
    {
        var req = new byte[pdu.Length];
        for (int i = 0; i < pdu.Length; i++) req[i] = (byte)pdu[i];
        var resp = new byte[260];
        int n = Box.ModbusSlave.Handle(req, 0, req.Length, resp, 0);
        return n < 0 ? null : resp[..n];
    }

    public int ReadRegister(int address)
    {
        var r = Modbus(3, address >> 8, address & 0xFF, 0, 1);
        if (r[0] != 3) throw new InvalidOperationException($"read {address} failed with exception {r[1]}");
        return (r[2] << 8) | r[3];
    }

    public byte[] WriteRegister(int address, int value) => Modbus(6, address >> 8, address & 0xFF, value >> 8, value & 0xFF);

    public void Dispose()
    {
        try { Directory.Delete(DataFolder, true); } catch (IOException) { }
    }
}
