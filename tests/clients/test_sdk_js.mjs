// npm's @aws-sdk/client-sqs (AWS JSON 1.0) against `flowlab --serve`, with node's test runner.
// FLOWLAB_EXE names the flowlab executable.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
    SQSClient, CreateQueueCommand, SendMessageCommand, ReceiveMessageCommand,
    DeleteMessageCommand, GetQueueAttributesCommand, SendMessageBatchCommand,
    ChangeMessageVisibilityCommand, GetQueueUrlCommand, PurgeQueueCommand,
} from '@aws-sdk/client-sqs';

let server;
let client;

before(async () => {
    server = spawn(process.env.FLOWLAB_EXE, ['--serve', '--headless', '--port', '0']);
    const url = await new Promise((resolve, reject) => {
        let text = '';
        const timer = setTimeout(() => reject(new Error('no address: ' + text)), 30000);
        server.stdout.on('data', (chunk) => {
            text += chunk;
            const m = text.match(/listening on (http:\/\/\S+)/);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
    });
    client = new SQSClient({
        endpoint: url, region: 'us-east-1', maxAttempts: 1,
        credentials: { accessKeyId: 'AKIDJS', secretAccessKey: 'secret' },
    });
});

after(() => {
    client?.destroy();
    server?.kill();
});

const md5 = (s) => createHash('md5').update(s).digest('hex');

test('queue lifecycle and attributes over JSON', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({
        QueueName: 'js-queue', Attributes: { VisibilityTimeout: '20' } }));
    assert.match(QueueUrl, /\/000000000000\/js-queue$/);
    const { Attributes } = await client.send(new GetQueueAttributesCommand({
        QueueUrl, AttributeNames: ['All'] }));
    assert.equal(Attributes.VisibilityTimeout, '20');
    assert.equal(Attributes.QueueArn, 'arn:aws:sqs:us-east-1:000000000000:js-queue');
});

test('send, receive (the SDK checks the MD5s), delete', async () => {
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'js-queue' }));
    const sent = await client.send(new SendMessageCommand({
        QueueUrl, MessageBody: 'Hello world',
        MessageAttributes: { City: { DataType: 'String', StringValue: 'Any City' } } }));
    assert.equal(sent.MD5OfMessageBody, md5('Hello world'));
    assert.equal(sent.MD5OfMessageAttributes, '0c32cb5c844c01fbd5b6b434b52cf670');
    const got = await client.send(new ReceiveMessageCommand({
        QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    assert.equal(got.Messages.length, 1);
    const m = got.Messages[0];
    assert.equal(m.Body, 'Hello world');
    assert.equal(m.MessageAttributes.City.StringValue, 'Any City');
    assert.equal(m.Attributes.ApproximateReceiveCount, '1');
    await client.send(new ChangeMessageVisibilityCommand({
        QueueUrl, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(again.Messages[0].Attributes.ApproximateReceiveCount, '2');
    await client.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: again.Messages[0].ReceiptHandle }));
    const empty = await client.send(new ReceiveMessageCommand({ QueueUrl }));
    assert.equal(empty.Messages, undefined);
});

test('errors carry the JSON type and the query code', async () => {
    await assert.rejects(client.send(new GetQueueUrlCommand({ QueueName: 'missing' })), (e) => {
        assert.equal(e.name, 'QueueDoesNotExist');
        assert.equal(e.$metadata.httpStatusCode, 400);
        return true;
    });
    const { QueueUrl } = await client.send(new GetQueueUrlCommand({ QueueName: 'js-queue' }));
    await client.send(new PurgeQueueCommand({ QueueUrl }));
    await assert.rejects(client.send(new PurgeQueueCommand({ QueueUrl })), (e) => {
        assert.equal(e.name, 'PurgeQueueInProgress');
        assert.equal(e.$metadata.httpStatusCode, 403);
        return true;
    });
});

test('batch with a partial failure, FIFO ordering and deduplication', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({
        QueueName: 'js.fifo', Attributes: { FifoQueue: 'true', ContentBasedDeduplication: 'true' } }));
    const batch = await client.send(new SendMessageBatchCommand({ QueueUrl, Entries: [
        { Id: 'a', MessageBody: 'first', MessageGroupId: 'g' },
        { Id: 'b', MessageBody: 'second', MessageGroupId: 'g' },
        { Id: 'c', MessageBody: 'no group' },
        { Id: 'd', MessageBody: 'first', MessageGroupId: 'g' },
    ] }));
    assert.deepEqual(batch.Successful.map((e) => e.Id).sort(), ['a', 'b', 'd']);
    assert.equal(batch.Failed[0].Id, 'c');
    assert.equal(batch.Failed[0].Code, 'MissingParameter');
    const got = await client.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(got.Messages.map((m) => m.Body), ['first', 'second']);
});
