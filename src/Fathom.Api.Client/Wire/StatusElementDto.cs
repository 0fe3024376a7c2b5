namespace Fathom.Api.Client.Wire;

/// <summary>A status element: its current state (the newest range's) and its ranges in the window asked for, oldest first.</summary>
public sealed record StatusElementDto(string Element, string Oper, string? Admin, long Since, long Until, IReadOnlyList<StatusRangeDto> Ranges);
