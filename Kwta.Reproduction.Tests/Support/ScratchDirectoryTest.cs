namespace Kwta.Reproduction.Tests.Support;

/// <summary>Base for tests that write files: a fresh folder per test, removed afterwards.</summary>
public abstract class ScratchDirectoryTest
{
    protected string scratch = "";

    [SetUp] public void CreateScratch() => scratch = TestData.ScratchDirectory(GetType().Name);
    [TearDown] public void RemoveScratch() => Directory.Delete(scratch, recursive: true);
}
