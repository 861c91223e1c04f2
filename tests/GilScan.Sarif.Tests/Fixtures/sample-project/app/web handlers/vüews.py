async def report(request):
    data = await request.json()
    checksum = 0
    for value in data[0:1_000_000]:  # noqa: GIL201
        checksum = (checksum * 31 + value) % 1_000_003
    return {"checksum": checksum}
