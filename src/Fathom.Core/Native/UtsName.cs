namespace Fathom.Core.Native;

/// <summary>What uname(2) says about the running kernel.</summary>
public sealed record UtsName(string SysName, string NodeName, string Release, string Version, string Machine);
