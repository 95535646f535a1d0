/* The CPU one 20 ms wake costs a C thread (clock_nanosleep to an absolute due time), and with one
 * 172-byte datagram to a loopback socket that another thread drains: the same loop as WakeCost.java. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

static int sink;

static void *drain(void *unused) {
    char buffer[2048];
    (void) unused;
    for (;;) {
        recv(sink, buffer, sizeof buffer, 0);
    }
    return NULL;
}

int main(int argc, char **argv) {
    int send_ = argc > 1 && strcmp(argv[1], "send") == 0;
    struct sockaddr_in to = {0};
    socklen_t length = sizeof to;
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    sink = socket(AF_INET, SOCK_DGRAM, 0);
    bind(sink, (struct sockaddr *) &to, sizeof to);
    getsockname(sink, (struct sockaddr *) &to, &length);
    int out = socket(AF_INET, SOCK_DGRAM, 0);
    pthread_t drainer;
    pthread_create(&drainer, NULL, drain, NULL);
    char packet[172] = {0};
    struct timespec due, before = {0}, after;
    clock_gettime(CLOCK_MONOTONIC, &due);
    for (int n = 0; n < 600; n++) {
        due.tv_nsec += 20000000;
        if (due.tv_nsec >= 1000000000) {
            due.tv_nsec -= 1000000000;
            due.tv_sec++;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
        if (n == 100) {
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &before);
        }
        if (send_) {
            sendto(out, packet, sizeof packet, 0, (struct sockaddr *) &to, sizeof to);
        }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &after);
    printf("c     %-5s %6.1f us CPU per 20 ms wake\n", send_ ? "send" : "idle",
           ((after.tv_sec - before.tv_sec) * 1e9 + (after.tv_nsec - before.tv_nsec)) / 1000.0 / 500);
    return 0;
}
