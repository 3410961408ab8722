package logmon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * OverloadTest's reading of {@code jcmd GC.heap_info}: the live heap is every generation's use.
 * The first "used" alone is the whole heap under G1 but only the young generation under the serial
 * collector bin/logmon runs with, which would pass a heap bound that the old generation breaks.
 */
class HeapInfoTest {

  @Test
  void theSerialCollectorsHeapIsBothGenerations() {
    String serial = """
         def new generation   total 119680K, used 45537K [0x00000000c0000000, 0x00000000c81d0000, 0x00000000d5550000)
          eden space 106432K,  42% used [0x00000000c0000000, 0x00000000c2c786a0, 0x00000000c67f0000)
          from space 13248K,   0% used [0x00000000c67f0000, 0x00000000c67f0000, 0x00000000c74e0000)
          to   space 13248K,   0% used [0x00000000c74e0000, 0x00000000c74e0000, 0x00000000c81d0000)
         tenured generation   total 265724K, used 159433K [0x00000000d5550000, 0x00000000e58cf000, 0x0000000100000000)
           the space 265724K,  59% used [0x00000000d5550000, 0x00000000df102770, 0x00000000df102800, 0x00000000e58cf000)
         Metaspace       used 60743K, committed 61696K, reserved 1114112K
          class space    used 7614K, committed 8064K, reserved 1048576K
        """;
    assertThat(OverloadTest.usedHeapBytes(serial)).isEqualTo((45537L + 159433L) * 1024);
  }

  @Test
  void g1sHeapIsOneLineAndMetaspaceIsNotHeap() {
    String g1 = """
         garbage-first heap   total 785408K, used 373966K [0x00000000c0000000, 0x0000000100000000)
          region size 1024K, 32 young (32768K), 2 survivors (2048K)
         Metaspace       used 60664K, committed 61696K, reserved 1114112K
          class space    used 7609K, committed 8064K, reserved 1048576K
        """;
    assertThat(OverloadTest.usedHeapBytes(g1)).isEqualTo(373966L * 1024);
  }
}
