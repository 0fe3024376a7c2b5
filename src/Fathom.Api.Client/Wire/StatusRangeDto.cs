namespace Fathom.Api.Client.Wire;

/// <summary>One status range of an element: from <see cref="Start"/> through <see cref="End"/> (Unix ns) it was Oper/Admin.</summary>
public sealed record StatusRangeDto(long Start, long End, string Oper, string? Admin);
