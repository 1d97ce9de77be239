package sms

import (
	"context"
	"log/slog"
	"unicode/utf8"
)

// Log is a development provider: it sends nothing and logs a summary. It
// never logs the text, which may hold a one-time code, nor the full number.
type Log struct {
	logger *slog.Logger
}

// NewLog returns a Log provider; a nil logger means slog.Default().
func NewLog(logger *slog.Logger) *Log {
	if logger == nil {
		logger = slog.Default()
	}
	return &Log{logger: logger}
}

// Name implements Provider.
func (*Log) Name() string { return "log" }

// Send implements Provider; the reference is derived from the message id.
func (l *Log) Send(ctx context.Context, m Message) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	if err := m.Check(); err != nil {
		return "", err
	}
	parts, unicode := Parts(m.Text)
	l.logger.InfoContext(ctx, "sms not sent (log provider)",
		slog.String("id", m.ID),
		slog.String("to", Mask(m.To)),
		slog.Int("chars", utf8.RuneCountInString(m.Text)),
		slog.Int("parts", parts),
		slog.Bool("unicode", unicode),
	)
	return "log-" + m.ID, nil
}
