"""Check-ins: agendas from versioned templates, records, action items, the wellbeing pulse, calendars."""
