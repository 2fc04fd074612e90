// core::GroupCommit: concurrent callers share one write, and none returns before the write that
// holds its item has finished.
#include "core/group_commit.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace authly::core {
namespace {

TEST(GroupCommit, ALoneCallerWritesItsItemAtOnce) {
  std::vector<std::vector<int>> writes;
  GroupCommit<int> commit([&](const std::vector<int>& items) { writes.push_back(items); });
  commit.submit(7);
  commit.submit(8);
  ASSERT_EQ(writes.size(), 2u);
  EXPECT_EQ(writes[0], std::vector<int>{7});
  EXPECT_EQ(writes[1], std::vector<int>{8});
}

// While the first write is in progress, the others queue; the next write takes all of them.
TEST(GroupCommit, CallersArrivingDuringAWriteShareTheNextOne) {
  constexpr int kFollowers = 6;
  std::mutex m;
  std::vector<std::vector<int>> writes;
  std::latch first_write_started(1);
  std::atomic<bool> release_first{false};
  std::atomic<int> returned{0};
  GroupCommit<int> commit([&](const std::vector<int>& items) {
    {
      std::lock_guard lock(m);
      writes.push_back(items);
    }
    if (items == std::vector<int>{0}) {
      first_write_started.count_down();
      while (!release_first) std::this_thread::yield();
    }
  });
  std::thread leader([&] {
    commit.submit(0);
    ++returned;
  });
  first_write_started.wait();
  std::vector<std::thread> followers;
  for (int i = 1; i <= kFollowers; ++i)
    followers.emplace_back([&, i] {
      commit.submit(i);
      ++returned;
    });
  // Every follower is queued behind the write in progress: none has returned.
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(returned.load(), 0);
  release_first = true;
  leader.join();
  for (auto& t : followers) t.join();
  EXPECT_EQ(returned.load(), kFollowers + 1);
  ASSERT_EQ(writes.size(), 2u);  // the first write, then one for all followers
  EXPECT_EQ(writes[1].size(), static_cast<std::size_t>(kFollowers));
}

TEST(GroupCommit, AFailedWriteFailsItsCallersOnly) {
  std::atomic<int> calls{0};
  GroupCommit<int> commit([&](const std::vector<int>& items) {
    ++calls;
    if (items.front() < 0) throw std::runtime_error("disk full");
  });
  EXPECT_THROW(commit.submit(-1), std::runtime_error);
  EXPECT_NO_THROW(commit.submit(1));
  EXPECT_EQ(calls.load(), 2);
}

TEST(GroupCommit, ABatchHoldsAtMostMaxBatchItems) {
  std::mutex m;
  std::vector<std::size_t> sizes;
  std::latch first_write_started(1);
  std::atomic<bool> release_first{false};
  GroupCommit<int> commit(
      [&](const std::vector<int>& items) {
        {
          std::lock_guard lock(m);
          sizes.push_back(items.size());
        }
        if (items.front() == 0) {
          first_write_started.count_down();
          while (!release_first) std::this_thread::yield();
        }
      },
      2);
  std::thread leader([&] { commit.submit(0); });
  first_write_started.wait();
  std::vector<std::thread> followers;
  for (int i = 1; i <= 5; ++i) followers.emplace_back([&, i] { commit.submit(i); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  release_first = true;
  leader.join();
  for (auto& t : followers) t.join();
  std::size_t total = 0;
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    EXPECT_LE(sizes[i], 2u) << i;
    total += sizes[i];
  }
  EXPECT_EQ(total, 6u);
}

}  // namespace
}  // namespace authly::core
