namespace Kwta.Reproduction.Tests.Snapshots;

/// <summary>A rendered table that disagrees with its verified snapshot. Its own type rather than
/// Assert.Fail, because NUnit records an Assert.Fail even when a test catches it.</summary>
public sealed class SnapshotMismatchException(string message) : Exception(message);
