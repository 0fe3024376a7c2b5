namespace Fathom.Core.Processes;

/// <summary>A pipe beyond stdio, seen by the child as <paramref name="ChildFd"/>.</summary>
/// <param name="ChildFd">The descriptor number in the child (3 or more).</param>
/// <param name="ChildWrites">True: the child writes and the parent reads; false: the other way.</param>
public sealed record ExtraPipe(int ChildFd, bool ChildWrites);
