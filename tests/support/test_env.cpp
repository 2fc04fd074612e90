#include "support/test_env.hpp"
