using System;
using System.IO;

namespace PowerBrain.Tests.Support;

/// <summary>Finds the repository root and ../shared, as CI lays them out.</summary>
public static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "nf.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root (nf.sln) not found above " + AppContext.BaseDirectory);
        }
    }

    public static string Shared
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("PB_SHARED");
            var path = string.IsNullOrEmpty(env) ? Path.Combine(Root, "..", "shared") : env;
            if (!Directory.Exists(path)) throw new InvalidOperationException("shared folder not found at " + Path.GetFullPath(path) + " (set PB_SHARED)");
            return Path.GetFullPath(path);
        }
    }

    public static string ApiListing => Path.Combine(Shared, "nanoframework", "api-stable.tsv");
}
