# scripts/docs-layout.jq — writes a record for docs/records/ one line per field and per
# array element (a result, a profile, a trace): small, and a diff reads field by field.
def line: tojson;
"{\n"
+ (to_entries
   | map("\(.key | tojson): "
         + (if (.value | type) == "array" and (.value | length) > 0
            then "[\n" + (.value | map("  " + line) | join(",\n")) + "\n]"
            elif (.value | type) == "object" and ((.value | tojson | length) > 2000)
            then "{\n" + (.value | to_entries | map("  \(.key | tojson): \(.value | line)") | join(",\n")) + "\n}"
            else .value | line end))
   | join(",\n"))
+ "\n}"
