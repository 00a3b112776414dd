#!/usr/bin/env bash
# Debian's AWS CLI v2 (2.9, the SQS Query protocol) against `flowlab --serve`.
# Run by CTest with FLOWLAB_EXE set; prints "N passed, N failed" and exits non-zero on a failure.
set -uo pipefail

aws=/usr/bin/aws
export AWS_ACCESS_KEY_ID=AKIDCLI AWS_SECRET_ACCESS_KEY=secret AWS_DEFAULT_REGION=us-east-1
export AWS_PAGER="" AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

log=$(mktemp)
"$FLOWLAB_EXE" --serve --headless --port 0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
url=""
for _ in $(seq 1 100); do
    url=$(grep -o 'listening on http://[^ ]*' "$log" | head -n1 | cut -d' ' -f3)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { echo "flowlab --serve did not start"; cat "$log"; exit 1; }

passed=0
failed=0
check() { # check NAME EXPECTED ACTUAL
    if [ "$2" == "$3" ]; then
        passed=$((passed + 1))
        echo "ok   $1"
    else
        failed=$((failed + 1))
        echo "FAIL $1: expected [$2], got [$3]"
    fi
}
sqs() { "$aws" --endpoint-url "$url" sqs "$@"; }

queue=$(sqs create-queue --queue-name cli-orders --output text --query QueueUrl)
check "create-queue returns the URL" "$url/000000000000/cli-orders" "$queue"
check "get-queue-url" "$queue" "$(sqs get-queue-url --queue-name cli-orders --output text --query QueueUrl)"
sent=$(sqs send-message --queue-url "$queue" --message-body "Hello world" \
    --message-attributes '{"City":{"DataType":"String","StringValue":"Any City"}}' \
    --output text --query '[MD5OfMessageBody,MD5OfMessageAttributes]')
check "send-message digests" "3e25960a79dbc69b674cd4ec67a72c62	0c32cb5c844c01fbd5b6b434b52cf670" "$sent"
check "counter after send" "1" \
    "$(sqs get-queue-attributes --queue-url "$queue" --attribute-names ApproximateNumberOfMessages \
        --output text --query Attributes.ApproximateNumberOfMessages)"
got=$(sqs receive-message --queue-url "$queue" --message-attribute-names All \
    --output text --query 'Messages[0].[Body,MessageAttributes.City.StringValue]')
check "receive-message body and attribute" "Hello world	Any City" "$got"
handle=$(sqs receive-message --queue-url "$queue" --visibility-timeout 0 --output text \
    --query 'Messages[0].ReceiptHandle')
check "in flight: nothing to receive" "None" "$handle"
err=$(sqs get-queue-url --queue-name nope 2>&1 >/dev/null)
case "$err" in
*AWS.SimpleQueueService.NonExistentQueue*) check "error code for a missing queue" ok ok ;;
*) check "error code for a missing queue" "AWS.SimpleQueueService.NonExistentQueue" "$err" ;;
esac
err=$(sqs delete-message --queue-url "$queue" --receipt-handle bogus 2>&1 >/dev/null)
case "$err" in
*ReceiptHandleIsInvalid*) check "bad receipt handle" ok ok ;;
*) check "bad receipt handle" "ReceiptHandleIsInvalid" "$err" ;;
esac
sqs purge-queue --queue-url "$queue" && check "purge-queue" ok ok
sqs delete-queue --queue-url "$queue" && check "delete-queue" ok ok
check "list-queues after delete" "None" \
    "$(sqs list-queues --queue-name-prefix cli- --output text --query 'QueueUrls')"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
