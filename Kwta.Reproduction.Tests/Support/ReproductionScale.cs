namespace Kwta.Reproduction.Tests.Support;

/// <summary>
/// Which reproduction a claim fixture runs on. Default: <see cref="Kwta.Model.Reproduction.ReproductionSettings.Default"/>
/// on the fixtures, in every `dotnet test`. Full: <see cref="Kwta.Model.Reproduction.ReproductionSettings.Full"/> on the
/// official test sets in the folder the environment variable KWTA_DATA names; the Full fixtures exist only when it is
/// set (`KWTA_DATA=DIR dotnet test --filter TestCategory=Full`, hours on CPU).
/// </summary>
public enum ReproductionScale { Default, Full }
