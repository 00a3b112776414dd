"""Debian's python3-boto3 (1.26, the SQS Query protocol) against `flowlab --serve`.

Run by CTest: FLOWLAB_EXE names the flowlab executable.
"""

import hashlib
import struct
import sys
import time
import unittest

sys.path.insert(0, __import__("os").path.dirname(__file__))

import boto3  # noqa: E402
import botocore  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402

from flowlab_server import FlowlabServer  # noqa: E402


def md5_of_attributes(attributes):
    """The algorithm of spec §6.4, written independently of the server's."""
    data = b""
    for name in sorted(attributes):
        value = attributes[name]
        data += struct.pack(">I", len(name.encode())) + name.encode()
        data += struct.pack(">I", len(value["DataType"].encode())) + value["DataType"].encode()
        if value["DataType"].startswith("Binary"):
            raw = value["BinaryValue"]
            data += b"\x02" + struct.pack(">I", len(raw)) + raw
        else:
            raw = value["StringValue"].encode()
            data += b"\x01" + struct.pack(">I", len(raw)) + raw
    return hashlib.md5(data).hexdigest()


class Boto3AgainstFlowlab(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = FlowlabServer()
        cls.sqs = boto3.client(
            "sqs", endpoint_url=cls.server.url, region_name="us-east-1",
            aws_access_key_id="AKIDBOTO3", aws_secret_access_key="secret",
            config=botocore.config.Config(retries={"max_attempts": 1}))

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def code(self, call, **kwargs):
        with self.assertRaises(ClientError) as ctx:
            call(**kwargs)
        return ctx.exception.response["Error"]["Code"]

    def test_protocol_is_query(self):
        self.assertEqual(self.sqs.meta.service_model.protocol, "query")

    def test_lifecycle_and_attributes(self):
        url = self.sqs.create_queue(QueueName="life")["QueueUrl"]
        self.assertTrue(url.endswith("/000000000000/life"))
        self.assertEqual(self.sqs.create_queue(QueueName="life")["QueueUrl"], url)
        self.assertEqual(self.sqs.get_queue_url(QueueName="life")["QueueUrl"], url)
        self.assertIn(url, self.sqs.list_queues(QueueNamePrefix="li")["QueueUrls"])
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(attrs["VisibilityTimeout"], "30")
        self.assertEqual(attrs["MessageRetentionPeriod"], "345600")
        self.assertEqual(attrs["MaximumMessageSize"], "1048576")
        self.assertEqual(attrs["DelaySeconds"], "0")
        self.assertEqual(attrs["ReceiveMessageWaitTimeSeconds"], "0")
        self.assertEqual(attrs["QueueArn"], "arn:aws:sqs:us-east-1:000000000000:life")
        self.sqs.set_queue_attributes(QueueUrl=url, Attributes={"VisibilityTimeout": "45"})
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["VisibilityTimeout"])
        self.assertEqual(attrs["Attributes"], {"VisibilityTimeout": "45"})
        self.assertEqual(self.code(self.sqs.create_queue, QueueName="life",
                                   Attributes={"VisibilityTimeout": "10"}), "QueueAlreadyExists")
        self.sqs.tag_queue(QueueUrl=url, Tags={"team": "blue"})
        self.assertEqual(self.sqs.list_queue_tags(QueueUrl=url)["Tags"], {"team": "blue"})
        self.sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
        self.assertNotIn("Tags", self.sqs.list_queue_tags(QueueUrl=url))
        self.sqs.delete_queue(QueueUrl=url)
        self.assertEqual(self.code(self.sqs.get_queue_url, QueueName="life"),
                         "AWS.SimpleQueueService.NonExistentQueue")
        self.assertEqual(self.code(self.sqs.create_queue, QueueName="life"),
                         "AWS.SimpleQueueService.QueueDeletedRecently")

    def test_send_receive_delete_with_attributes(self):
        url = self.sqs.create_queue(QueueName="msgs")["QueueUrl"]
        attributes = {"City": {"DataType": "String", "StringValue": "Any City"},
                      "Count": {"DataType": "Number", "StringValue": "42"},
                      "Blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01binary"}}
        sent = self.sqs.send_message(QueueUrl=url, MessageBody="Hello world",
                                     MessageAttributes=attributes)
        self.assertEqual(sent["MD5OfMessageBody"], "3e25960a79dbc69b674cd4ec67a72c62")
        self.assertEqual(sent["MD5OfMessageAttributes"], md5_of_attributes(attributes))
        got = self.sqs.receive_message(QueueUrl=url, AttributeNames=["All"],
                                       MessageAttributeNames=["All"])["Messages"]
        self.assertEqual(len(got), 1)
        m = got[0]
        self.assertEqual(m["Body"], "Hello world")
        self.assertEqual(m["MessageId"], sent["MessageId"])
        self.assertEqual(m["MD5OfBody"], hashlib.md5(b"Hello world").hexdigest())
        self.assertEqual(m["MessageAttributes"], attributes)
        self.assertEqual(m["MD5OfMessageAttributes"], md5_of_attributes(attributes))
        self.assertEqual(m["Attributes"]["ApproximateReceiveCount"], "1")
        self.assertEqual(m["Attributes"]["SenderId"], "AKIDBOTO3")
        sent_ms = int(m["Attributes"]["SentTimestamp"])
        self.assertLess(abs(sent_ms - time.time() * 1000), 60000)
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
        self.assertEqual(self.code(self.sqs.delete_message, QueueUrl=url, ReceiptHandle="nonsense"),
                         "ReceiptHandleIsInvalid")
        self.assertEqual(self.code(self.sqs.send_message, QueueUrl=url, MessageBody="bad \x01"),
                         "InvalidMessageContents")
        self.assertEqual(self.code(self.sqs.receive_message, QueueUrl=url, MaxNumberOfMessages=11),
                         "InvalidParameterValue")

    def test_visibility_timeout_and_change(self):
        url = self.sqs.create_queue(QueueName="vis", Attributes={"VisibilityTimeout": "1"})["QueueUrl"]
        self.sqs.send_message(QueueUrl=url, MessageBody="job")
        first = self.sqs.receive_message(QueueUrl=url)["Messages"][0]
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))
        time.sleep(1.3)
        second = self.sqs.receive_message(QueueUrl=url, AttributeNames=["ApproximateReceiveCount"])
        second = second["Messages"][0]
        self.assertEqual(second["Attributes"]["ApproximateReceiveCount"], "2")
        self.assertNotEqual(second["ReceiptHandle"], first["ReceiptHandle"])
        self.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=second["ReceiptHandle"],
                                           VisibilityTimeout=0)
        third = self.sqs.receive_message(QueueUrl=url, VisibilityTimeout=30)["Messages"][0]
        self.assertEqual(self.code(self.sqs.change_message_visibility, QueueUrl=url,
                                   ReceiptHandle=third["ReceiptHandle"], VisibilityTimeout=43201),
                         "InvalidParameterValue")
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=third["ReceiptHandle"])
        self.assertEqual(self.code(self.sqs.change_message_visibility, QueueUrl=url,
                                   ReceiptHandle=third["ReceiptHandle"], VisibilityTimeout=10),
                         "AWS.SimpleQueueService.MessageNotInflight")

    def test_long_polling(self):
        url = self.sqs.create_queue(QueueName="poll")["QueueUrl"]
        start = time.time()
        empty = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2)
        waited = time.time() - start
        self.assertNotIn("Messages", empty)
        self.assertGreaterEqual(waited, 1.8)
        # A message sent by another client while the poll waits ends it early.
        other = boto3.client("sqs", endpoint_url=self.server.url, region_name="us-east-1",
                             aws_access_key_id="AKIDOTHER", aws_secret_access_key="s")
        import threading
        timer = threading.Timer(0.5, lambda: other.send_message(QueueUrl=url, MessageBody="now"))
        start = time.time()
        timer.start()
        got = self.sqs.receive_message(QueueUrl=url, WaitTimeSeconds=10, MaxNumberOfMessages=10)
        waited = time.time() - start
        timer.join()
        self.assertEqual([m["Body"] for m in got["Messages"]], ["now"])
        self.assertLess(waited, 3.0)
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(attrs["ApproximateNumberOfMessagesNotVisible"], "1")

    def test_delay_and_counters(self):
        url = self.sqs.create_queue(QueueName="delay")["QueueUrl"]
        self.sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=1)
        self.sqs.send_message(QueueUrl=url, MessageBody="now")
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(attrs["ApproximateNumberOfMessagesDelayed"], "1")
        self.assertEqual(attrs["ApproximateNumberOfMessages"], "1")
        time.sleep(1.3)
        attrs = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
        self.assertEqual(attrs["ApproximateNumberOfMessages"], "2")
        self.sqs.purge_queue(QueueUrl=url)
        self.assertEqual(self.code(self.sqs.purge_queue, QueueUrl=url),
                         "AWS.SimpleQueueService.PurgeQueueInProgress")
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=url))

    def test_batches(self):
        url = self.sqs.create_queue(QueueName="batch")["QueueUrl"]
        result = self.sqs.send_message_batch(QueueUrl=url, Entries=[
            {"Id": "a", "MessageBody": "one"},
            {"Id": "b", "MessageBody": "two", "DelaySeconds": 901},
            {"Id": "c", "MessageBody": "three"}])
        self.assertEqual(sorted(e["Id"] for e in result["Successful"]), ["a", "c"])
        self.assertEqual(result["Failed"][0]["Id"], "b")
        self.assertEqual(result["Failed"][0]["Code"], "InvalidParameterValue")
        self.assertTrue(result["Failed"][0]["SenderFault"])
        self.assertEqual(self.code(self.sqs.send_message_batch, QueueUrl=url, Entries=[
            {"Id": "x", "MessageBody": "1"}, {"Id": "x", "MessageBody": "2"}]),
            "AWS.SimpleQueueService.BatchEntryIdsNotDistinct")
        msgs = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual(sorted(m["Body"] for m in msgs), ["one", "three"])
        deleted = self.sqs.delete_message_batch(QueueUrl=url, Entries=[
            {"Id": "d1", "ReceiptHandle": msgs[0]["ReceiptHandle"]},
            {"Id": "d2", "ReceiptHandle": "garbage"}])
        self.assertEqual([e["Id"] for e in deleted["Successful"]], ["d1"])
        self.assertEqual(deleted["Failed"][0]["Code"], "ReceiptHandleIsInvalid")

    def test_fifo(self):
        url = self.sqs.create_queue(QueueName="orders.fifo", Attributes={
            "FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
        seqs = []
        for i in range(3):
            r = self.sqs.send_message(QueueUrl=url, MessageBody=f"a{i}", MessageGroupId="A")
            seqs.append(int(r["SequenceNumber"]))
        self.sqs.send_message(QueueUrl=url, MessageBody="b0", MessageGroupId="B")
        self.assertEqual(seqs, sorted(seqs))
        dup = self.sqs.send_message(QueueUrl=url, MessageBody="a0", MessageGroupId="A")
        self.assertEqual(self.code(self.sqs.send_message, QueueUrl=url, MessageBody="x"),
                         "MissingParameter")
        first = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=1)["Messages"]
        self.assertEqual(first[0]["Body"], "a0")
        self.assertEqual(first[0]["MessageId"], dup["MessageId"])  # the duplicate was dropped
        # Group A is blocked while a0 is in flight: only b0 comes.
        other = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([m["Body"] for m in other], ["b0"])
        self.sqs.delete_message(QueueUrl=url, ReceiptHandle=first[0]["ReceiptHandle"])
        rest = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
        self.assertEqual([m["Body"] for m in rest], ["a1", "a2"])

    def test_redrive_to_dead_letter_queue(self):
        dlq = self.sqs.create_queue(QueueName="dead")["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=dlq, AttributeNames=["QueueArn"])
        arn = arn["Attributes"]["QueueArn"]
        src = self.sqs.create_queue(QueueName="source", Attributes={
            "VisibilityTimeout": "1",
            "RedrivePolicy": '{"deadLetterTargetArn":"%s","maxReceiveCount":"2"}' % arn})["QueueUrl"]
        self.assertEqual(self.sqs.list_dead_letter_source_queues(QueueUrl=dlq)["queueUrls"], [src])
        self.sqs.send_message(QueueUrl=src, MessageBody="poison")
        for _ in range(2):
            self.assertEqual(len(self.sqs.receive_message(QueueUrl=src)["Messages"]), 1)
            time.sleep(1.2)
        self.assertNotIn("Messages", self.sqs.receive_message(QueueUrl=src))
        moved = self.sqs.receive_message(QueueUrl=dlq, AttributeNames=["All"])["Messages"][0]
        self.assertEqual(moved["Body"], "poison")
        self.assertEqual(moved["Attributes"]["ApproximateReceiveCount"], "3")


if __name__ == "__main__":
    unittest.main(verbosity=2)
