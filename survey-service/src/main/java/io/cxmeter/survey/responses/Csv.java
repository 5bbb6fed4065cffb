package io.cxmeter.survey.responses;

/** Responses as CSV lines (RFC 4180 quoting, formula-looking cells neutralised for spreadsheets). */
final class Csv {

    static final String HEADER = "id,score,comment,customerId,ticketId,agentId,channel,touchpoint,locale,submittedAt,"
            + "followUpTicketId\r\n";

    private Csv() {
    }

    static String line(ResponseDraft r) {
        return String.join(",", cell(r.id()), cell(ResponseRules.format(r.score())), cell(r.comment()), cell(r.customerId()),
                cell(r.ticketId()), cell(r.agentId()), cell(r.channel()), cell(r.touchpoint()), cell(r.locale()),
                cell(r.submittedAt().toString()), cell(r.followUpTicketId())) + "\r\n";
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+(\\.\\d+)?")) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.startsWith("'")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }
}
