package people

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/kindredhq/kindred/internal/person"
)

// ProfileVersion names the stored state of p's profile: a short hash of
// every field ProfileOf holds, so it changes whenever the profile does and
// needs no stored counter. The API sends it as the ETag of a person and a
// form as its hidden version field.
func ProfileVersion(p person.Person) string {
	// A struct of strings, ints and string slices always encodes.
	b, _ := json.Marshal(ProfileOf(p))
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:12])
}
