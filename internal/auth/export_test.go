package auth

// SetVerifyHook makes fn run once per argon2id verification a sign-in
// through s runs, while it holds a hash slot.
func SetVerifyHook(s *Store, fn func()) { s.verifyHook = fn }

// VerifyPassword is verifyPassword for tests of the hash slots.
var VerifyPassword = verifyPassword
