namespace Kwta.Model.Data;

/// <summary>The two places test images come from: the repository's fixtures or a folder with the official files.</summary>
public enum DataSourceKind { Fixtures, OfficialTestSets }
