// The per-subscription lanes of the webhook dispatcher: a subscription whose
// deliveries hang holds at most `in_flight` senders and its backlog is cut to
// its newest `queued` events, while a subscription that keeps up is never
// cut (the claimer pauses instead).
#include "webhook/subscription_queues.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ai_memory::webhook {
namespace {

using Clock = SubscriptionQueues::Clock;
using std::chrono::milliseconds;
using std::chrono::seconds;

const Clock::time_point kT0 = Clock::time_point() + seconds(1000);

SubscriptionQueues::Queued Item(const std::string& subscription, const std::string& memory) {
  return {Event{subscription, "http://127.0.0.1:1/", std::nullopt, "memory_store", memory, "ns", std::nullopt},
          kT0 + seconds(3600)};
}

SubscriptionQueues::Limits Limits(std::size_t in_flight, std::size_t queued, std::size_t look_ahead) {
  return {in_flight, queued, look_ahead, seconds(1)};
}

std::vector<std::string> Memories(const std::vector<SubscriptionQueues::Queued>& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.event.memory_id);
  return ids;
}

TEST(WebhookSubscriptionQueues, ABusySubscriptionHoldsOneSlotAndOthersStillStart) {
  SubscriptionQueues queues(Limits(1, 100, 100));
  for (const char* memory : {"d1", "d2", "d3"}) queues.Push(Item("dead", memory));
  queues.Push(Item("live", "l1"));
  queues.Push(Item("live", "l2"));
  EXPECT_EQ(queues.startable(), 2u);  // one per lane

  auto first = queues.Start(kT0);
  auto second = queues.Start(kT0);
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->event.memory_id, "d1");
  EXPECT_EQ(second->event.memory_id, "l1");
  EXPECT_FALSE(queues.Start(kT0)) << "both lanes have their one delivery running";
  EXPECT_EQ(queues.startable(), 0u);

  // The live receiver answers; its next event starts while d1 still hangs.
  queues.Finish("live", kT0, kT0 + milliseconds(5));
  auto third = queues.Start(kT0 + milliseconds(5));
  ASSERT_TRUE(third);
  EXPECT_EQ(third->event.memory_id, "l2");
  EXPECT_FALSE(queues.Start(kT0 + milliseconds(5)));
  EXPECT_EQ(queues.waiting(), 2u);  // d2, d3
}

TEST(WebhookSubscriptionQueues, OneLaneGoesOutInOrderAndLanesTakeTurns) {
  SubscriptionQueues queues(Limits(1, 100, 100));
  for (const char* memory : {"a1", "a2", "a3"}) queues.Push(Item("a", memory));
  for (const char* memory : {"b1", "b2"}) queues.Push(Item("b", memory));
  std::vector<std::string> order;
  Clock::time_point now = kT0;
  while (!queues.empty()) {
    std::vector<SubscriptionQueues::Queued> running;
    while (auto item = queues.Start(now)) running.push_back(std::move(*item));
    ASSERT_FALSE(running.empty());
    now += milliseconds(10);
    for (const auto& item : running) {
      order.push_back(item.event.memory_id);
      queues.Finish(item.event.subscription_id, now - milliseconds(10), now);
    }
  }
  EXPECT_EQ(order, (std::vector<std::string>{"a1", "b1", "a2", "b2", "a3"}));
}

TEST(WebhookSubscriptionQueues, TwoInFlightPerLaneWhenAllowed) {
  SubscriptionQueues queues(Limits(2, 100, 100));
  for (const char* memory : {"a1", "a2", "a3"}) queues.Push(Item("a", memory));
  EXPECT_EQ(queues.startable(), 2u);
  EXPECT_TRUE(queues.Start(kT0));
  EXPECT_TRUE(queues.Start(kT0));
  EXPECT_FALSE(queues.Start(kT0));
}

TEST(WebhookSubscriptionQueues, ASlowLaneKeepsItsNewestEventsOnly) {
  SubscriptionQueues queues(Limits(1, 3, 100));
  for (int i = 1; i <= 6; ++i) queues.Push(Item("dead", "d" + std::to_string(i)));
  ASSERT_TRUE(queues.Start(kT0));  // d1 hangs
  // Not slow yet: nothing is cut.
  EXPECT_TRUE(queues.TrimSlow(kT0 + milliseconds(1000)).empty());
  EXPECT_EQ(queues.waiting(), 5u);
  // Running past slow_after: the oldest waiting ones go, the newest 3 stay.
  EXPECT_EQ(Memories(queues.TrimSlow(kT0 + milliseconds(1001))), (std::vector<std::string>{"d2", "d3"}));
  EXPECT_EQ(Memories(queues.TakeAll()), (std::vector<std::string>{"d4", "d5", "d6"}));
  EXPECT_TRUE(queues.empty());
}

TEST(WebhookSubscriptionQueues, ALaneStaysSlowAfterADeliveryThatTookTooLong) {
  SubscriptionQueues queues(Limits(1, 2, 100));
  queues.Push(Item("dead", "d1"));
  ASSERT_TRUE(queues.Start(kT0));
  for (int i = 2; i <= 5; ++i) queues.Push(Item("dead", "d" + std::to_string(i)));
  queues.Finish("dead", kT0, kT0 + seconds(10));  // timed out
  ASSERT_TRUE(queues.Start(kT0 + seconds(10)));    // d2 starts at once
  EXPECT_EQ(Memories(queues.TrimSlow(kT0 + seconds(10))), (std::vector<std::string>{"d3"}));
  EXPECT_EQ(queues.waiting(), 2u);
}

TEST(WebhookSubscriptionQueues, ALaneThatKeepsUpIsNeverCutButHoldsClaims) {
  SubscriptionQueues queues(Limits(1, 2, 4));
  queues.Push(Item("busy", "b0"));
  ASSERT_TRUE(queues.Start(kT0 - milliseconds(10)));
  for (int i = 1; i <= 3; ++i) queues.Push(Item("busy", "b" + std::to_string(i)));
  queues.Finish("busy", kT0 - milliseconds(10), kT0);  // answered in 10 ms
  ASSERT_TRUE(queues.Start(kT0));
  EXPECT_FALSE(queues.ClaimsHeldUntil(kT0)) << "2 waiting, fewer than look_ahead";
  for (int i = 4; i <= 6; ++i) queues.Push(Item("busy", "b" + std::to_string(i)));
  EXPECT_TRUE(queues.TrimSlow(kT0 + milliseconds(500)).empty()) << "over `queued`, but not slow";
  const auto held = queues.ClaimsHeldUntil(kT0 + milliseconds(500));
  ASSERT_TRUE(held);
  EXPECT_EQ(*held, kT0 + seconds(1));  // when its running delivery makes it slow
  // Once slow, it no longer holds claims, and it is cut instead.
  EXPECT_FALSE(queues.ClaimsHeldUntil(kT0 + milliseconds(1001)));
  EXPECT_EQ(queues.TrimSlow(kT0 + milliseconds(1001)).size(), 3u);
}

TEST(WebhookSubscriptionQueues, AFirstDeliveryThatHangsHoldsClaimsOnlyAtTheQueueLimit) {
  SubscriptionQueues queues(Limits(1, 5, 2));
  queues.Push(Item("new", "n1"));
  ASSERT_TRUE(queues.Start(kT0));
  for (int i = 2; i <= 5; ++i) queues.Push(Item("new", "n" + std::to_string(i)));
  EXPECT_FALSE(queues.ClaimsHeldUntil(kT0)) << "4 waiting: past look_ahead, but nothing ended yet";
  queues.Push(Item("new", "n6"));
  EXPECT_EQ(queues.ClaimsHeldUntil(kT0), kT0 + seconds(1)) << "5 waiting: the queue limit";
}

TEST(WebhookSubscriptionQueues, AnAbandonedEventFreesItsSlotAndKeepsTheLaneSlow) {
  SubscriptionQueues queues(Limits(1, 1, 10));
  queues.Push(Item("a", "a1"));
  ASSERT_TRUE(queues.Start(kT0));
  for (const char* memory : {"a2", "a3", "a4"}) queues.Push(Item("a", memory));
  queues.Finish("a", kT0, kT0 + seconds(10));  // timed out: slow
  auto expired = queues.Start(kT0 + seconds(10));
  ASSERT_TRUE(expired);
  queues.Abandon("a", kT0 + seconds(10));  // too old: dropped unsent
  EXPECT_EQ(queues.startable(), 1u);
  EXPECT_EQ(Memories(queues.TrimSlow(kT0 + seconds(10))), (std::vector<std::string>{"a3"}));
}

TEST(WebhookSubscriptionQueues, AFinishedIdleLaneIsForgotten) {
  SubscriptionQueues queues(Limits(1, 1, 10));
  queues.Push(Item("a", "a1"));
  ASSERT_TRUE(queues.Start(kT0));
  queues.Finish("a", kT0, kT0 + seconds(5));  // slow, then idle: the lane goes, and its slowness with it
  for (const char* memory : {"a2", "a3", "a4"}) queues.Push(Item("a", memory));
  ASSERT_TRUE(queues.Start(kT0 + seconds(5)));
  EXPECT_TRUE(queues.TrimSlow(kT0 + seconds(5)).empty());
  EXPECT_EQ(queues.waiting(), 2u);
  queues.Finish("unknown", kT0, kT0);  // harmless
  EXPECT_EQ(queues.waiting(), 2u);
}

}  // namespace
}  // namespace ai_memory::webhook
