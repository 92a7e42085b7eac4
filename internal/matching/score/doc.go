// Package score turns people into a matching problem: it scores every
// (mentor, mentee) pair of a cohort with named, explainable factors,
// applies the hard rules, and generates the candidate pairs that package
// matching solves. It is pure: plain values in, plain values out, no
// database, no HTTP, no clock (the cycle's dates come in as values).
//
// # Score
//
// A pair's score is the weighted average of seven factors, each worth
// 0..1000 points, rounded to an integer 0..1000 (see Weights for the
// defaults and the JSON form):
//
//   - skills: how many of the skills the mentee wants the mentor offers
//     (two, or all of them if the mentee wants fewer, earn full points);
//   - interests: shared interests (two, or as many as the shorter list);
//   - cross_function: a mentor from another function (or the same one,
//     as the program prefers);
//   - level_gap: the mentor above the mentee by the ideal margin (2 to 3
//     levels by default; 1 level earns 600 points, 0 or less none);
//   - time_overlap: working time mentor and mentee share each week, in
//     every week of the cycle, read from their IANA zones and working
//     hours by package schedule, so daylight-saving changes and zones at
//     +5:30 or +5:45 count exactly (4 hours a week earn full points);
//   - language: a language in common;
//   - style: the same learning and communication styles.
//
// A blank earns no points and still counts: a factor the mentee (or the
// mentor) left empty (no skills wanted, no interests, no languages, no
// style) scores 0 for that pair, with its full weight in the average, so
// leaving a profile empty never raises a score, and a mentee whose wants a
// mentor partly meets outscores one who listed none. A factor that nobody
// in the cohort filled in (an HR file without languages, say) is left out
// of every pair's average alike, since it tells no pair from another.
// BlankFactors names the factors a mentee left blank. Every factor carries a reason addressed to
// the mentee ("offers Go and public speaking, which you want", "4 hours of
// shared working time each week"); see Scorer.Explain.
//
// Each factor is declared once, as an entry of the table in factors.go:
// its name (the JSON key of its weight), its label, its default weight,
// its points, whether it is costly (compares lists), and its reason. The
// weights' JSON form and validation, FactorNames, FactorLabel, Score,
// Explain and candidate generation all read the table, so adding a factor
// is adding an entry and its cases in TestFactors. Points are computed for
// a mentee and a batch of mentors at once, one call per factor.
//
// # Hard rules
//
// A pair is never a candidate when (Rule, in the order checked): it is
// one person; the mentor has no capacity; either lacks the language the
// program requires; either is in the other's management chain (any
// distance up or down the whole organization, see Org); an admin excluded
// it; they were paired in an earlier cycle of the program (History),
// unless the program allows repeats; or the program requires a shared
// language and they have none. Scorer.Why counts, for a mentee left
// without a mentor, which rules ruled out which mentors.
//
// # Candidates
//
// Small cohorts (mentees*mentors up to 4 million by default) keep every
// allowed pair: O(mentees*mentors) checks and scores. Larger ones keep
// each mentee's best K (default 20) among a budget of mentors (default
// 200) found through buckets by offered skill and by the UTC hour of the
// working day, plus a deterministic sample: O(mentees*budget), so that
// 100,000 mentees and 50,000 mentors score 20 million pairs instead of
// 5 billion; see Scorer.Candidates. Scorer.PruningLoss measures what that
// may cost: the optimum with K candidates against the optimum with 2K, on
// the whole cohort when affordable, otherwise on a sample of mentees
// re-solved while everyone else keeps their mentor (a lower bound).
//
// Everything is deterministic: the same input gives the same output,
// whatever the number of goroutines used.
package score
