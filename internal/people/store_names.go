package people

import "strings"

// NameJoin returns the JOIN clause another package's query adds to sort
// its rows by the name of the person whose id is in idColumn, reading the
// person as alias. The people table's name and columns stay written here:
// an owner of a person-keyed table that must page by name in SQL (a
// cycle's enrollments, 50 of thousands) joins through this, and reads the
// names themselves with Accounts.
func NameJoin(alias, idColumn string) string {
	return "JOIN people " + alias + " ON " + alias + ".id = " + idColumn
}

// NameKey returns the ORDER BY expression of a person's name joined by
// NameJoin as alias: case-folded, as the directory sorts.
func NameKey(alias string) string { return "lower(" + alias + ".name)" }

// NameColumn returns the column of a person's name joined by NameJoin as
// alias, for a query that shows names beside its own rows.
func NameColumn(alias string) string { return alias + ".name" }

// FoldName folds a name for sorting in Go the way NameKey's lower() does
// in SQL on both engines here (ASCII letters only), so a list sorted in Go
// agrees with one sorted by the database.
func FoldName(name string) string {
	b := []byte(name)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// maxMatchWords is how many words of a search NameMatch reads; more
// words narrow no further in practice and only lengthen the query.
const maxMatchWords = 6

// NameMatch returns the condition (and its arguments) another package's
// query adds to keep the people joined by NameJoin as alias whose name,
// email or employee id holds every word of q, case-folded; an empty q
// keeps everyone ("1 = 1"). Like NameJoin, it keeps the people table's
// columns written here.
func NameMatch(alias, q string) (string, []any) {
	var conds []string
	var args []any
	for i, w := range strings.Fields(strings.ToLower(q)) {
		if i == maxMatchWords {
			break
		}
		like := "%" + escapeLike(w) + "%"
		conds = append(conds, `(LOWER(`+alias+`.name) LIKE ? ESCAPE '\' OR LOWER(`+alias+`.email) LIKE ? ESCAPE '\' OR LOWER(`+alias+`.id) = ?)`)
		args = append(args, like, like, w)
	}
	if len(conds) == 0 {
		return "1 = 1", nil
	}
	return strings.Join(conds, " AND "), args
}
