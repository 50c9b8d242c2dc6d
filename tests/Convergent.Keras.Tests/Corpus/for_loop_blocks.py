# VGG-style blocks added in nested for loops with names built by string formatting (Keras 2).
from keras.models import Sequential
from keras.layers import Conv2D, MaxPooling2D, Flatten, Dense, Dropout
from keras import optimizers

blocks = [(64, 2), (128, 2), (256, 3)]
model = Sequential(name='mini_vgg')
for b, (filters, n_convs) in enumerate(blocks, start=1):
    for c in range(n_convs):
        kwargs = dict(padding='same', activation='relu', name='block%d_conv%d' % (b, c + 1))
        if b == 1 and c == 0:
            kwargs['input_shape'] = (64, 64, 3)
        model.add(Conv2D(filters, (3, 3), **kwargs))
    model.add(MaxPooling2D((2, 2), strides=(2, 2), name='block{}_pool'.format(b)))
model.add(Flatten(name='flatten'))
model.add(Dense(256, activation='relu', name=f'fc{1}'))
model.add(Dropout(0.5))
model.add(Dense(5, activation='softmax', name='predictions'))

sgd = optimizers.SGD(lr=1e-2, decay=1e-6, momentum=0.9, nesterov=True)
model.compile(loss='categorical_crossentropy', optimizer=sgd, metrics=['accuracy'])
model.fit(x_train, y_train, batch_size=32, epochs=40, shuffle=True, validation_data=(x_val, y_val))
