package auth

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// MinPasswordLength is the shortest password accepted, in characters
// (runes), not bytes: three emoji are three characters.
const MinPasswordLength = 12

// MaxPasswordLength is the longest password accepted, in characters.
const MaxPasswordLength = 1024

// commonPasswordsText is the 5,000 most common passwords of 12 or more
// characters, lowercased, from SecLists' 10-million-password top 1M list
// (see docs/dependencies.md for its origin and licence).
//
//go:embed common_passwords.txt
var commonPasswordsText string

var commonPasswords = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswordsText))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			set[w] = true
		}
	}
	return set
})

// IsCommonPassword reports whether pw, compared case-insensitively, is on
// the list of common passwords shipped with Kindred.
func IsCommonPassword(pw string) bool { return commonPasswords()[strings.ToLower(pw)] }

// ValidatePassword says in words what is wrong with a new password, or
// returns nil. It is at least MinPasswordLength characters, at most
// MaxPasswordLength, valid UTF-8, not a common password and not equal
// (ignoring case and surrounding spaces) to any of personal, which holds
// the person's email and name.
func ValidatePassword(pw string, personal ...string) error {
	if !utf8.ValidString(pw) {
		return errors.New("is not valid text (UTF-8)")
	}
	n := utf8.RuneCountInString(pw)
	switch {
	case n < MinPasswordLength:
		return fmt.Errorf("must be at least %d characters (this one has %d)", MinPasswordLength, n)
	case n > MaxPasswordLength:
		return fmt.Errorf("must be at most %d characters", MaxPasswordLength)
	case IsCommonPassword(pw):
		return errors.New("is one of the most common passwords, which are tried first: choose another")
	}
	for _, p := range personal {
		if p = strings.TrimSpace(p); p != "" && strings.EqualFold(strings.TrimSpace(pw), p) {
			return errors.New("must not be your email or your name")
		}
	}
	return nil
}
