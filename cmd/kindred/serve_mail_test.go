package main

import (
	"context"
	"io"
	"strings"
	"testing"
)

func TestServeRefusesAnUnusableMailSetting(t *testing.T) {
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--smtp", "http://mail.example.com"}, nil, "scheme must be smtp:// or smtps://"},
		{[]string{"--smtp", "smtp://mail.example.com:99999"}, nil, `port "99999"`},
		{[]string{"--smtp", "smtp://u:p@mail.example.com:587"}, nil, "--mail-from"},
		{nil, map[string]string{"KINDRED_SMTP_URL": "smtp://mail.example.com", "KINDRED_MAIL_FROM": "not an address"}, "--mail-from"},
	} {
		getenv := func(k string) string { return tc.env[k] }
		args := append([]string{"serve", "--db", t.TempDir() + "/k.db", "--addr", "127.0.0.1:0"}, tc.args...)
		err := run(context.Background(), args, getenv, io.Discard, io.Discard)
		if exitCode(err) != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %v: %v (exit %d), want a usage error saying %q", tc.args, tc.env, err, exitCode(err), tc.want)
		}
		if err != nil && strings.Contains(err.Error(), ":p@") {
			t.Errorf("the error shows the password: %v", err)
		}
	}
}
