using System.Collections.Generic;
using System.Diagnostics;
using System.IO;

namespace PowerBrain.Tests.Support;

/// <summary>Runs one of tools/device/*.sh (the nanoCLR side of a test) with ../shared beside it.</summary>
public static class DeviceScript
{
    /// <summary>The script's exit status, its stdout lines and its stderr.</summary>
    public static (int Exit, List<string> Lines, string Errors) Run(string script)
    {
        var psi = new ProcessStartInfo("bash", Path.Combine(RepoPaths.Root, "tools", "device", script))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepoPaths.Root,
        };
        psi.Environment["PB_SHARED"] = RepoPaths.Shared;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        string line;
        while ((line = p.StandardOutput.ReadLine()) != null) lines.Add(line);
        p.WaitForExit();
        return (p.ExitCode, lines, stderr.Result);
    }
}
