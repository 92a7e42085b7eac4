package score

import (
	"regexp"
	"strings"
)

// The reasons of the factor table are written for the mentee ("offers Go,
// which you want"); a program manager reads the same pair from outside.
// ThirdPerson rewords a reason for them, naming the mentor and mentee. Its
// phrases follow those of factors.go: a reason worded there in a new way
// needs its line here, which TestThirdPersonLeavesNoYou checks.

// levelWords matches the level factor's reasons: "2 levels above you".
var levelWords = regexp.MustCompile(`^(\d+ levels?) (above|below) you$`)

// ThirdPerson returns reason, a reason of the factor table or of an
// explanation, worded for someone who is neither mentor nor mentee:
// "Aaliyah offers Negotiation, which Ben wants".
func ThirdPerson(reason, mentor, mentee string) string {
	r := reason
	for _, x := range []struct{ old, new string }{
		{", close to your own work", ", close to " + mentee + "'s own work"},
		{"you listed no skills you want to learn", mentee + " listed no skills to learn"},
		{"offers none of the skills you want", mentor + " offers none of the skills " + mentee + " wants"},
		{", which you want", ", which " + mentee + " wants"},
		{"one of you listed none", "one of them listed none"},
		{"one of you gave none", "one of them gave none"},
		{"your mentor listed no ", mentor + " listed no "},
		{"you listed no ", mentee + " listed no "},
		{"you gave no learning or communication style", mentee + " gave no learning or communication style"},
		{"same function as you", "same function as " + mentee},
		{"(you: ", "(" + mentee + ": "},
		{", mentor: ", ", " + mentor + ": "},
	} {
		r = strings.ReplaceAll(r, x.old, x.new)
	}
	switch {
	case r == "same level as you":
		return mentor + " is at the same level as " + mentee
	case levelWords.MatchString(r):
		return levelWords.ReplaceAllString(r, mentor+" is $1 $2 "+mentee)
	case strings.HasPrefix(r, "offers "):
		return mentor + " " + r
	case strings.HasPrefix(r, "you "):
		return mentor + " and " + mentee + " " + strings.TrimPrefix(r, "you ")
	}
	return r
}
