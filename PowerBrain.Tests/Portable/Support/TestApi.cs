// The portable tests (this folder) are written once in the nanoFramework 1.x subset and compiled
// twice: for MSTest on desktop .NET, and for nanoFramework.TestFramework on the nanoCLR
// (tools/device/unit-tests.sh). Both frameworks spell the attributes and asserts used here alike.
// Test methods keep no instance state: the nanoFramework launcher calls them without an instance.
#if NANOFRAMEWORK_1_0
global using nanoFramework.TestFramework;
#else
global using Microsoft.VisualStudio.TestTools.UnitTesting;
#endif
