using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;

namespace PowerBrain.Tests.Support;

/// <summary>Runs the real third-party programs the tests talk to (mbpoll, pymodbus, socat, …).</summary>
public static class Peer
{
    public const string Python = "/usr/bin/python3";

    /// <summary>A peer script in PowerBrain.Tests/Peers (run from there, beside its node_modules).</summary>
    public static string Script(string name) => Path.Combine(RepoPaths.Root, "PowerBrain.Tests", "Peers", name);

    /// <summary>Runs a program to its end (bounded in time) and returns its exit code and output.</summary>
    public static (int Exit, string Output) Run(string exe, params string[] args) => RunFor(60_000, exe, args);

    public static (int Exit, string Output) RunFor(int timeoutMs, string exe, params string[] args)
    {
        using var p = Start(exe, args);
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutMs))
        {
            p.Kill(true);
            throw new TimeoutException($"{exe} {string.Join(' ', args)} ran past {timeoutMs} ms");
        }
        p.WaitForExit();
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    public static Process Start(string exe, params string[] args) => Start(false, exe, args);

    public static Process Start(bool withInput, string exe, params string[] args)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = withInput, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        return Process.Start(psi) ?? throw new InvalidOperationException("could not start " + exe);
    }

    /// <summary>The "[address]: value" lines mbpoll prints, as signed 16-bit values it shows first.</summary>
    public static Dictionary<int, int> MbpollValues(string output)
    {
        var values = new Dictionary<int, int>();
        foreach (Match m in Regex.Matches(output, @"^\[(\d+)\]:\s+(-?\d+)", RegexOptions.Multiline))
            values[int.Parse(m.Groups[1].Value)] = int.Parse(m.Groups[2].Value);
        return values;
    }
}
