namespace Kwta.Model.Claims;

/// <summary>
/// One claim of the paper or the reproduction, declared before looking at our numbers: what is
/// claimed, where, the anchor number, on what data and attack, and the criterion that decides it.
/// </summary>
/// <param name="Id">C1…C8, as in the README's claims table.</param>
/// <param name="Statement">The claim as a sentence; the test's name says the same.</param>
/// <param name="Source">Paper / report section or table (numbers and sources: docs/anchors.md).</param>
/// <param name="Anchor">The published number(s) the claim rests on.</param>
/// <param name="Evidence">Data, sample size and attack preset our test uses.</param>
/// <param name="Criterion">The statistical test or tolerance that decides it.</param>
/// <param name="Testability">When the data can decide it at all; a check outside this rule is "not testable", never refuted.</param>
/// <param name="KnownRefutation">Set when later work refutes the claim and our test asserts the refutation.</param>
public sealed record Claim(string Id, string Statement, string Source, string Anchor, string Evidence, string Criterion,
                           string Testability, string? KnownRefutation = null);
