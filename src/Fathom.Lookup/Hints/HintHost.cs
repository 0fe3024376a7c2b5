namespace Fathom.Lookup.Hints;

/// <summary>One entry of an activehosts.json: a lookup server's registration URL, its state and priority.</summary>
public sealed record HintHost(Uri Locator, HintStatus Status, int Priority);
